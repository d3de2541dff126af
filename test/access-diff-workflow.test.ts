/** preview.yml's access-diff job: base and pull request planned offline, one sticky comment, `out/` uploaded. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../offline/stackFiles";

type Step = { id?: string; name?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { if?: string; permissions?: Record<string, string>; steps: Step[] };
const text = fs.readFileSync(path.join(PROJECT_ROOT, ".github", "workflows", "preview.yml"), "utf8");
const job = (parse(text) as { jobs: Record<string, Job> }).jobs["access-diff"] as Job;
const step = (match: (s: Step) => boolean) => job.steps.find(match) as Step;

describe("preview.yml: the access diff of a pull request", () => {
  it("plans the base branch's commit into out-base/, then the pull request against it", () => {
    expect(step((s) => s.with?.path === "base").with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
    expect(step((s) => s.name === "Offline plan of the base branch").run).toContain(
      'npm run --silent plan -- --stack "${stack%.yaml}" --out ../out-base --quiet || true',
    );
    const plan = step((s) => s.id === "plan");
    expect(plan.run).toContain("npm run --silent plan -- --all --diff out-base --quiet || status=$?");
    expect(plan.run).toContain('for diff in out/*/access-diff.md; do cat "$diff"; echo; done');
    expect(plan.run).toContain('cat "$report" >> "$GITHUB_STEP_SUMMARY"');
  });

  it("posts one sticky comment with an action pinned to a commit, only where the token may write", () => {
    const comment = step((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@") ?? false);
    expect(comment.uses).toMatch(/^marocchino\/sticky-pull-request-comment@[0-9a-f]{40}$/);
    expect(text).toContain("marocchino/sticky-pull-request-comment@5770ad5eb8f42dd2c4f34da00c94c5381e49af88 # v3.0.5");
    expect(comment.with).toEqual({ header: "access-diff", path: "access-diff-comment.md" });
    expect(comment.if).toBe("always() && github.event.pull_request.head.repo.full_name == github.repository");
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("uploads out/ even when the plan failed, and fails the job after commenting", () => {
    const upload = step((s) => s.uses?.startsWith("actions/upload-artifact@") ?? false);
    expect(upload.if).toBe("always()");
    expect(upload.with?.path).toBe("out/");
    const last = job.steps[job.steps.length - 1] as Step;
    expect(last.if).toBe("steps.plan.outputs.status != '0'");
    expect(job.steps.indexOf(last)).toBeGreaterThan(job.steps.indexOf(upload));
  });

  it("uses no cloud credential and no secret", () => {
    const own = JSON.stringify(job);
    expect(own).not.toMatch(/secrets\.|id-token|configure-aws-credentials|google-github-actions\/auth/);
  });
});
