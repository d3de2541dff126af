/** The scheduled live verification: daily and on demand, every stack, the job summary, one tracking issue. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../offline/stackFiles";

type Step = { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string> };
const text = fs.readFileSync(path.join(PROJECT_ROOT, ".github", "workflows", "verify-live.yml"), "utf8");
const wf = parse(text) as {
  on: { schedule: { cron: string }[]; workflow_dispatch: null };
  permissions: Record<string, string>;
  jobs: { verify: { permissions: Record<string, string>; steps: Step[] } };
};
const steps = wf.jobs.verify.steps;
const step = (name: string) => steps.find((s) => s.name === name) as Step;

describe("verify-live workflow", () => {
  it("runs daily and on demand, with only the permissions it needs", () => {
    expect(wf.on.schedule).toEqual([{ cron: "17 5 * * *" }]);
    expect("workflow_dispatch" in wf.on).toBe(true);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.verify.permissions).toEqual({ contents: "read", issues: "write", "pull-requests": "read" });
  });

  it("checks every stack with the read-only Atlas credential and writes the Markdown report to the job summary", () => {
    const verify = step("Verify every stack");
    expect(verify.env).toEqual({
      MONGODB_ATLAS_CLIENT_ID: "${{ secrets.MONGODB_ATLAS_VERIFY_CLIENT_ID }}",
      MONGODB_ATLAS_CLIENT_SECRET: "${{ secrets.MONGODB_ATLAS_VERIFY_CLIENT_SECRET }}",
      GITHUB_TOKEN: "${{ github.token }}",
      KNOWN_CREDENTIALS: "${{ vars.ATLAS_KNOWN_CREDENTIALS }}",
    });
    expect(verify.run).toContain("for file in Pulumi.*.yaml; do");
    expect(verify.run).toContain(
      'npm run --silent verify-live -- --stack "$stack" --markdown verify-live.md --known-credentials "$KNOWN_CREDENTIALS" || code=$?',
    );
    expect(verify.run).toContain('cat verify-live.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it("keeps one issue: edited or created while findings exist, closed when clean, untouched on an error", () => {
    const issue = step("Open, update or close the tracking issue");
    expect(issue.if).toBe("steps.verify.outputs.status == '0' || steps.verify.outputs.status == '1'");
    for (const command of ["gh issue list", "gh issue edit", "gh issue create", "gh issue close"])
      expect([command, issue.run?.includes(command)]).toEqual([command, true]);
    expect(step("Fail on findings or errors").if).toBe("steps.verify.outputs.status != '0'");
  });
});
