import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../offline/stackFiles";

type Step = { name?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown> };
type Job = {
  if?: string;
  needs?: string;
  concurrency?: unknown;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
};
const file = path.join(PROJECT_ROOT, ".github", "workflows", "preview-environments.yml");
const text = fs.readFileSync(file, "utf8");
const wf = parse(text) as { on: unknown; permissions: unknown; jobs: Record<string, Job> };
const deploy = wf.jobs.deploy as Job;
/** Each step as one short label, in order. */
const label = (s: Step) =>
  s.uses?.startsWith("pulumi/actions@")
    ? `pulumi ${String(s.with?.command)}`
    : (s.run?.match(/preview-list\.ts (\w+)|commit-preview-list/)?.[0] ?? s.uses ?? s.run ?? "?");

describe("preview-environments.yml", () => {
  it("runs on pull request opened, reopened and closed, from the default branch's workflow file", () => {
    expect(wf.on).toEqual({ pull_request_target: { types: ["opened", "reopened", "closed"] } });
    expect(wf.permissions).toEqual({});
  });

  it("never checks out the pull request's code (only the default branch runs with deployment credentials)", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const s of job.steps.filter((x) => x.uses?.startsWith("actions/checkout@"))) {
        expect(s.with?.ref).toBe("${{ github.event.repository.default_branch }}");
      }
    }
    expect(text).not.toMatch(/head\.sha|head\.ref|github\.head_ref/);
  });

  it("creates previews only for branches of this repository, and always processes a close", () => {
    expect(wf.jobs.owner?.if).toBe(
      "github.event.action == 'closed' || github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(deploy.needs).toBe("owner");
  });

  it("serialises updates of the owning stack with deploy.yml's group and never cancels one", () => {
    expect(deploy.concurrency).toEqual({
      group: "pulumi-up-${{ needs.owner.outputs.stack }}",
      "cancel-in-progress": false,
    });
    expect(deploy.permissions).toEqual({ contents: "write", "id-token": "write" });
  });

  it("removes in two updates: close (still watched) → up → commit, then prune → up → commit", () => {
    expect(deploy.steps.map(label).slice(-7)).toEqual([
      "preview-list.ts open",
      "preview-list.ts close",
      "pulumi up",
      "commit-preview-list",
      "preview-list.ts prune",
      "pulumi up",
      "commit-preview-list",
    ]);
    const ifs = deploy.steps.slice(-7).map((s) => s.if);
    expect(ifs).toEqual([
      "env.PR_ACTION != 'closed'",
      "env.PR_ACTION == 'closed'",
      undefined,
      undefined,
      "env.PR_ACTION == 'closed'",
      "env.PR_ACTION == 'closed'",
      "env.PR_ACTION == 'closed'",
    ]);
  });

  it("passes the pull request number through the environment, never interpolated into a script", () => {
    expect(deploy.env?.PR_NUMBER).toBe("${{ github.event.pull_request.number }}");
    for (const s of deploy.steps.filter((x) => x.run)) expect(s.run).not.toContain("${{");
  });
});
