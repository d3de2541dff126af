/**
 * The workflows that touch previews: every trigger (pull request opened, reopened, closed, labelled; push to main;
 * the hourly schedule; manual dispatch) runs the same reconcile, in one concurrency group with the staging deploy;
 * the scheduled run checks the previews' health; preview.yml cannot pass when the offline plan fails.
 */
import { type Job, loadWorkflow } from "./support/workflows";

const RECONCILE = "npm run previews -- reconcile --stack staging";
const previews = loadWorkflow("preview-environments.yml");
const deploy = loadWorkflow("deploy.yml");
const preview = loadWorkflow("preview.yml");
const job = (wf: typeof previews, name: string) => wf.jobs[name] as Job;

describe("preview-environments.yml", () => {
  it("triggers on pull request events, hourly and by hand; holds no permission at the workflow level", () => {
    expect(previews.on).toEqual({
      pull_request_target: { types: ["opened", "reopened", "closed", "labeled", "unlabeled"] },
      schedule: [{ cron: "17 * * * *" }],
      workflow_dispatch: null,
    });
    expect(previews.permissions).toEqual({});
  });

  it("a pull request event only dispatches a reconcile of main: no checkout, no token for the cloud", () => {
    const request = job(previews, "request");
    expect(request.if).toBe("github.event_name == 'pull_request_target'");
    expect(request.permissions).toEqual({ actions: "write" });
    expect(request.steps.map((s) => s.run ?? s.uses)).toEqual([
      'gh workflow run preview-environments.yml --repo "$REPOSITORY" --ref main',
    ]);
  });

  it("the reconcile runs from main only, in the previews environment, in the staging group, never cancelled", () => {
    const reconcile = job(previews, "reconcile");
    expect(reconcile.if).toBe("github.event_name != 'pull_request_target' && github.ref == 'refs/heads/main'");
    expect([reconcile.environment, reconcile.concurrency]).toEqual([
      "previews",
      { group: "pulumi-staging", "cancel-in-progress": false },
    ]);
    expect(reconcile.permissions).toEqual({ contents: "read", "pull-requests": "read", "id-token": "write" });
    expect(reconcile.steps.filter((s) => s.run?.includes(RECONCILE)).map((s) => s.shell)).toEqual(["bash"]);
  });

  it("the scheduled run checks stuck namespaces and Atlas (read-only), reporting even after a failed reconcile", () => {
    const checks = job(previews, "reconcile").steps.filter((s) => s.if?.includes("schedule"));
    expect(checks.map((s) => [s.if, s.run])).toEqual([
      [
        "${{ !cancelled() && github.event_name == 'schedule' }}",
        "kubectl get namespaces,atlasdatabaseusers.atlas.mongodb.com -A -o json > cluster.json\nnpm run previews -- stuck --cluster cluster.json\n",
      ],
      ["${{ !cancelled() && github.event_name == 'schedule' }}", "npm run verify-live -- --stack staging"],
    ]);
    expect(checks[1]?.env?.MONGODB_ATLAS_CLIENT_ID).toBe("${{ secrets.MONGODB_ATLAS_READONLY_CLIENT_ID }}");
  });
});

describe("deploy.yml", () => {
  it("deploys staging by the same reconcile (no stale list), then prod, each in its environment and group", () => {
    expect(Object.keys(deploy.jobs)).toEqual(["staging", "prod"]);
    expect(job(deploy, "prod").needs).toBe("staging");
    const staging = job(deploy, "staging");
    expect([staging.environment, staging.concurrency]).toEqual([
      "staging",
      { group: "pulumi-staging", "cancel-in-progress": false },
    ]);
    expect(staging.steps.filter((s) => s.run?.includes(RECONCILE)).length).toBe(1);
    expect(staging.steps.filter((s) => s.with?.command)).toEqual([]);
    const prod = job(deploy, "prod");
    expect([prod.environment, prod.concurrency]).toEqual([
      "prod",
      { group: "pulumi-prod", "cancel-in-progress": false },
    ]);
    expect(
      prod.steps
        .filter((s) => s.with?.command)
        .map((s) => [s.with?.command, s.with?.["stack-name"], s.with?.policyPacks]),
    ).toEqual([
      ["preview", "prod", "policy"],
      ["up", "prod", "policy"],
    ]);
  });
});

describe("preview.yml", () => {
  it("the offline plan step has no pipe, fails with the plan, and writes report and errors to the job summary", () => {
    const step = job(preview, "test").steps.find((s) => s.name === "Offline plan (every stack)");
    expect(step?.shell).toBe("bash");
    expect(step?.run).not.toMatch(/[^|]\|[^|]/);
    expect(step?.run).toContain('npm run --silent plan -- --stack "$stack" > "plan-$stack.txt" 2>&1');
    expect(step?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(step?.run).toContain('exit "$status"');
  });

  it("pulumi preview runs in an approved environment with read-only identities, without refresh", () => {
    const p = job(preview, "pulumi-preview");
    expect([p.environment, p.permissions]).toEqual(["pulumi-preview", { contents: "read", "id-token": "write" }]);
    const text = JSON.stringify(p.steps);
    expect(text).toContain("vars.AWS_PREVIEW_ROLE_ARN");
    expect(text).toContain("vars.GCP_PREVIEW_SERVICE_ACCOUNT");
    expect(text).toContain("secrets.MONGODB_ATLAS_READONLY_CLIENT_ID");
    expect(p.steps.map((s) => s.run).filter(Boolean)).toEqual([
      "npm ci",
      "npm ci --prefix policy",
      'pulumi login "$PULUMI_BACKEND_URL"\nnpm run previews -- preview --stack "$STACK"\n',
    ]);
  });
});
