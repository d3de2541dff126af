/**
 * `verify-live` end to end against a local Atlas Admin API (every answer validated against the specification subset):
 * the declarations of the repository's real stacks, and fixture projects (clean, an unexpected atlasAdmin user, a
 * widened declared user, an orphaned preview), each finding exactly. `verify.cli.test.ts`: credentials, logins,
 * thresholds, reports and errors.
 */
import { declaredOf } from "./declared";
import { cleanProject } from "./fixtures/project";
import { repositoryDeclarations, repositoryRunner } from "./testing/declarations";

const live = repositoryRunner();

describe("what the repository declares (every stack's offline plan)", () => {
  it("derives users, custom roles, service accounts and previews from the registrations", async () => {
    const d = declaredOf(await repositoryDeclarations());
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
    const { code, stdout, stderr } = await live.run(cleanProject(), ["--open-pull-requests", "12"]);
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
    expect(await live.findings(p, ["--open-pull-requests", "12"])).toEqual({
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
    expect(await live.findings(p, ["--open-pull-requests", "12"])).toEqual({
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
    const { code, findings } = await live.findings(p, [], { github: true });
    expect(live.server?.requests.filter((r) => r.operation === "pulls").map((r) => r.query)).toEqual([
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
