/**
 * `verify-live` end to end against a local Atlas Admin API (every answer validated against the specification subset):
 * the declarations of the repository's real stacks, fixture projects (clean, an unexpected atlasAdmin user, a widened
 * declared user, an orphaned preview, an expiring secret, a burst of failed logins), the exit codes, the three
 * report forms, and no secret anywhere in what it prints or writes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type CliDependencies, declareStacks, main } from "./cli";
import { type StackDeclaration, declaredOf } from "./declared";
import type { Finding } from "./finding";
import { DEPLOY_CLIENT_ID, NOW, cleanProject, failedBurst } from "./fixtures/project";
import { type FakeAtlas, type FakeProject, startFakeAtlas } from "./testing/fakeAtlas";

const SECRET = "mdb_sa_sk_verify-live-test-secret-7f3a";
const credentials = { clientId: "mdb_sa_id_aaaaaaaaaaaaaaaaaaaaaaaa", clientSecret: SECRET };
const printed: string[] = [];
let declarations: StackDeclaration[];
let server: FakeAtlas | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verify-live-"));

beforeAll(async () => {
  declarations = await declareStacks(path.resolve(__dirname, "../.."));
}, 60000);
afterEach(() => expect(server?.violations ?? []).toEqual([]));
afterAll(async () => {
  await server?.close();
  // Nothing secret in anything printed or written by any run of this file.
  expect(printed.filter((t) => t.includes(SECRET))).toEqual([]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function verify(project: FakeProject, args: string[] = [], now = NOW, github = false) {
  await server?.close();
  server = await startFakeAtlas(project, credentials);
  let stdout = "";
  let stderr = "";
  const deps: CliDependencies = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now,
    retry: { sleep: async () => undefined },
    declare: async () => declarations,
  };
  const env = {
    MONGODB_ATLAS_CLIENT_ID: credentials.clientId,
    MONGODB_ATLAS_CLIENT_SECRET: SECRET,
    MONGODB_ATLAS_BASE_URL: server.baseUrl,
    ...(github
      ? { GITHUB_TOKEN: "ghs_test-token", GITHUB_REPOSITORY: "example/atlas-access", GITHUB_API_URL: server.baseUrl }
      : {}),
  };
  const code = await main(["--stack", "staging", "--known-credentials", DEPLOY_CLIENT_ID, ...args], env, deps);
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}
const findingsOf = async (project: FakeProject, args: string[] = [], now = NOW, github = false) => {
  const { code, stdout } = await verify(project, ["--json", ...args], now, github);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings };
};

describe("what the repository declares (every stack's offline plan)", () => {
  it("derives users, custom roles, service accounts and previews from the registrations", () => {
    const d = declaredOf(declarations);
    expect(d.users.map((u) => `${u.stack} ${u.authDatabase} ${u.username}`).sort()).toEqual([
      "prod $external arn:aws:iam::111122223333:role/syrf-prod-api-atlas",
      "prod admin syrf_prod_app",
      "staging $external arn:aws:iam::111122223333:role/syrf-staging-api-atlas",
      "staging $external arn:aws:iam::111122223333:role/syrf-staging-reports-atlas",
      "staging admin syrf_staging_app",
      "staging admin syrf_staging_stream_operator",
      "staging admin syrf_staging_stream_viewer",
    ]);
    expect(d.customRoles.find((r) => r.roleName === "syrf-staging-stream-viewer")?.actions).toEqual([
      "LIST_STREAM_PROCESSORS",
      "STREAM_PROCESSOR_STATS",
    ]);
    expect(d.serviceAccounts).toEqual([
      {
        name: "atlas-kubernetes-operator-2026-11-30",
        orgRoles: ["ORG_MEMBER"],
        projectRoles: ["GROUP_DATABASE_ACCESS_ADMIN"],
        rotateEveryDays: 60,
        stack: "staging",
      },
    ]);
    expect(d.previews).toEqual({
      usernamePrefix: "syrf_pr_",
      databasePrefix: "syrf_pr_",
      clusters: ["syrf-shared"],
      pullRequests: [],
    });
  });
});

describe("verify-live against fixture projects", () => {
  it("clean: exit 0 and a report that says what it read", async () => {
    const { code, stdout, stderr } = await verify(cleanProject(), ["--open-pull-requests", "12"]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toBe(
      [
        "atlas-access live verification: stack staging, project 64b7f3a1c2d4e5f6a7b8c9d0, organization 5f0c2a9e8d1b4c3a2e1f0d9c, at 2026-12-10T06:00:00.000Z",
        "Read from Atlas: 8 database users, 3 custom roles, 1 access-list entries, 2 project service accounts, 2 organization service accounts, 1 organization API keys, 0 project API keys, 3 authentication attempts on 1 cluster(s) since 2026-12-09T06:00:00.000Z",
        "Open pull requests: 12 (--open-pull-requests)",
        "",
        "Findings: no findings",
        "",
      ].join("\n"),
    );
  });
});

describe("verify-live findings, exactly", () => {
  it("an unexpected atlasAdmin user: critical, exit 1", async () => {
    const p = cleanProject();
    p.databaseUsers.push({
      username: "support_debug",
      databaseName: "admin",
      roles: [{ roleName: "atlasAdmin", databaseName: "admin" }],
      scopes: [],
    });
    expect(await findingsOf(p, ["--open-pull-requests", "12"])).toEqual({
      code: 1,
      findings: [
        {
          id: "unexpected-user",
          severity: "critical",
          subject: "user support_debug",
          message:
            "no stack declares this user (roles atlasAdmin@admin); broad: atlasAdmin: it administers every database and user of the project; no scopes: it reaches every cluster of the project",
          fix: "find out who created it (Atlas project activity feed); delete it, or declare it in a stack's config",
        },
      ],
    });
  });

  it("a declared user widened to the production database: high drift", async () => {
    const p = cleanProject();
    const user = p.databaseUsers.find((u) => u.username === "syrf_staging_app");
    user?.roles?.push({ roleName: "readWrite", databaseName: "syrftest" });
    expect(await findingsOf(p, ["--open-pull-requests", "12"])).toEqual({
      code: 1,
      findings: [
        {
          id: "user-drift",
          severity: "high",
          subject: "user syrf_staging_app",
          message: "live access is wider than stack staging declares: +role readWrite@syrftest",
          fix: "run `pulumi up` for the declaring stack to restore the declared roles and scopes, and find out who changed them (Atlas project activity feed)",
        },
      ],
    });
  });

  it("an orphaned preview: the pull request is closed on GitHub, its user is still there", async () => {
    const p = cleanProject();
    p.openPullRequests = [];
    const { code, findings } = await findingsOf(p, [], NOW, true);
    expect(server?.requests.filter((r) => r.operation === "pulls").map((r) => r.query)).toEqual([
      { state: "open", per_page: "100", page: "1" },
    ]);
    expect({ code, findings }).toEqual({
      code: 1,
      findings: [
        {
          id: "orphaned-preview",
          severity: "high",
          subject: "user syrf_pr_12_app",
          message: "preview user of pull request #12, which is not open: its credential outlived the preview",
          fix: "let the preview-environments workflow close preview 12 (or remove 12 from previews and deploy); if the user stays, delete it in Atlas",
        },
        {
          id: "unexpected-login",
          severity: "high",
          subject: "user syrf_pr_12_app",
          message:
            "1 successful authentication(s) on cluster syrf-shared since 2026-12-09T06:00:00.000Z from 203.0.113.18, by a user no stack declares",
          fix: "find out whose credential this is; delete the user if nobody owns it, then rotate what it could read",
        },
      ],
    });
  });
});

describe("verify-live findings, exactly (credentials and logins)", () => {
  it("an expiring secret, older than its rotation period: high and medium, exit 1", async () => {
    const later = Date.parse("2027-02-20T06:00:00Z");
    const p = cleanProject();
    p.accessLogs = {};
    expect(await findingsOf(p, ["--open-pull-requests", "12"], later)).toEqual({
      code: 1,
      findings: [
        {
          id: "expiring-credential",
          severity: "high",
          subject: "service account atlas-kubernetes-operator-2026-11-30",
          message: "its newest secret expires on 2027-02-28 (in 8 day(s), warning from 14)",
          fix: "rotate it: set operator.credential.rotation.rotatedOn to today and deploy",
        },
        {
          id: "rotation-overdue",
          severity: "medium",
          subject: "service account atlas-kubernetes-operator-2026-11-30",
          message: "its newest secret was created on 2026-11-30, 81 days ago, beyond its rotation period of 60 days",
          fix: "rotate it: set operator.credential.rotation.rotatedOn to today in stack staging and deploy",
        },
      ],
    });
  });

  it("a burst of failed logins from one address: high, exit 1; below the threshold: nothing", async () => {
    const p = cleanProject();
    p.accessLogs["syrf-shared"]?.push(...failedBurst("syrf_staging_app", "198.51.100.23", 12));
    expect(await findingsOf(p, ["--open-pull-requests", "12"])).toEqual({
      code: 1,
      findings: [
        {
          id: "failed-logins",
          severity: "high",
          subject: "user syrf_staging_app from 198.51.100.23",
          message:
            "12 failed authentications on cluster syrf-shared since 2026-12-09T06:00:00.000Z (threshold 10): UserNotFound: Could not find user",
          fix: "find the client at that address: a stale password after a rotation, or someone guessing; block the address in the access list if it is not yours",
        },
      ],
    });
    expect((await findingsOf(p, ["--open-pull-requests", "12", "--failed-login-threshold", "13"])).findings).toEqual(
      [],
    );
  });
});

describe("verify-live: thresholds, reports and errors", () => {
  it("--fail-on decides the exit code; a credential not listed as known is reported", async () => {
    const p = cleanProject();
    const { code, stdout } = await verify(p, [
      "--open-pull-requests",
      "12",
      "--known-credentials",
      "",
      "--fail-on",
      "critical",
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "  CRITICAL unexpected-service-account service account atlas-access-deploy: no stack declares this service account, yet it holds project role(s) GROUP_OWNER\n",
    );
    const later = Date.parse("2027-02-20T06:00:00Z");
    expect((await verify(cleanProject(), ["--open-pull-requests", "12", "--fail-on", "critical"], later)).code).toBe(0);
  });

  it("appends a Markdown report for a job summary", async () => {
    const file = path.join(tmp, "summary.md");
    fs.writeFileSync(file, "earlier step\n");
    const p = cleanProject();
    p.openPullRequests = [];
    await verify(p, ["--markdown", file], NOW, true);
    const text = fs.readFileSync(file, "utf8");
    printed.push(text);
    expect(text.split("\n").slice(0, 10)).toEqual([
      "earlier step",
      "## Atlas live verification: staging",
      "",
      "Project `64b7f3a1c2d4e5f6a7b8c9d0`, checked at 2026-12-10T06:00:00.000Z: **2 finding(s) (2 high); 2 at or above high**.",
      "",
      "Read: 8 database users, 3 custom roles, 1 access-list entries, 2 project service accounts, 2 organization service accounts, 1 organization API keys, 0 project API keys, 3 authentication attempts on 1 cluster(s) since 2026-12-09T06:00:00.000Z. Open pull requests: none (GitHub example/atlas-access).",
      "",
      "| severity | finding | subject | what | fix |",
      "| --- | --- | --- | --- | --- |",
      "| high | `orphaned-preview` | user syrf_pr_12_app | preview user of pull request #12, which is not open: its credential outlived the preview | let the preview-environments workflow close preview 12 (or remove 12 from previews and deploy); if the user stays, delete it in Atlas |",
    ]);
  });

  it("exits 2 with the HTTP status and Atlas's error code on an API error, and no stack trace", async () => {
    const p = cleanProject();
    p.groupId = "0123456789abcdef01234567";
    const { code, stdout, stderr } = await verify(p, ["--open-pull-requests", "12"]);
    expect([code, stdout, stderr]).toEqual([
      2,
      "",
      "verify-live: GET /api/atlas/v2/groups/64b7f3a1c2d4e5f6a7b8c9d0/databaseUsers: HTTP 404 GROUP_NOT_FOUND: no project or organization 64b7f3a1c2d4e5f6a7b8c9d0\n",
    ]);
  });

  it("exits 2 on usage errors, and documents itself with --help", async () => {
    const bad = await verify(cleanProject(), ["--fail-on", "severe"]);
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([
      2,
      'verify-live: --fail-on: got "severe"; expected one of low, medium, high, critical',
    ]);
    const unknown = await verify(cleanProject(), ["--since", "1w"]);
    expect(unknown.stderr.split("\n")[0]).toBe(
      'verify-live: --since: got "1w"; expected hours or days such as 24h or 7d',
    );
    const help = await verify(cleanProject(), ["--help"]);
    expect([help.code, help.stdout.split("\n")[0]]).toEqual([
      0,
      "Usage: npm run verify-live -- --stack <name> [options]",
    ]);
  });
});
