/**
 * `verify-live` and programmatic API keys, end to end against the local Admin API (every answer validated against the
 * specification subset). The program declares no API key, so these runs declare nothing and read a project that holds
 * only API keys: no other check has anything to say, and this file need not run the program (verify.test.ts runs the
 * fixture projects, with their harmless key, against every stack's real declarations).
 */
import type { Finding } from "./finding";
import { projectWithOwnerApiKey } from "./fixtures/project";
import type { FakeAtlasOptions, FakeProject } from "./testing/fakeAtlas";
import { VerifyLiveRunner } from "./testing/runner";
import { responseValidator } from "./testing/spec";

const live = new VerifyLiveRunner({
  credentials: { clientId: "mdb_sa_id_bbbbbbbbbbbbbbbbbbbbbbbb", clientSecret: "mdb_sa_sk_api-key-test-secret" },
  declare: async () => [],
  args: ["--open-pull-requests", "12"],
});

afterEach(() => expect(live.server?.violations ?? []).toEqual([]));
afterAll(() => live.close());

/** Only the API keys of `project`: the users, roles, access list, service accounts and logs emptied. */
const keysOnly = (project: FakeProject): FakeProject => ({
  ...project,
  databaseUsers: [],
  customRoles: [],
  accessList: [],
  projectServiceAccounts: [],
  orgServiceAccounts: [],
  accessLogs: {},
});

const verify = (project: FakeProject, args: string[] = [], faults: FakeAtlasOptions["faults"] = {}) =>
  live.run(keysOnly(project), args, { faults });

const OWNER_KEY: Finding = {
  id: "unexpected-api-key",
  severity: "critical",
  subject: "api key qzvbkmwe (terraform bootstrap)",
  message:
    "a legacy programmatic API key holds project role(s) GROUP_OWNER on this project, and no stack declares API keys: GROUP_OWNER creates and edits database users",
  fix: "remove it from the project (Project → Access Manager → Applications → API Keys) or delete it; give whatever still uses it a service account holding only the roles it needs; list its public key in --known-credentials only if it is the deploy credential",
};

describe("verify-live: programmatic API keys", () => {
  it("an API key that is Project Owner of the shared project: critical, exit 1, both lists read", async () => {
    const { code, stdout } = await verify(projectWithOwnerApiKey(), ["--json"]);
    expect([code, (JSON.parse(stdout) as { findings: Finding[] }).findings]).toEqual([1, [OWNER_KEY]]);
    expect(
      live.server?.requests.filter((r) => /ApiKeys$/.test(r.operation)).map((r) => [r.operation, r.accept]),
    ).toEqual([
      ["listApiKeys", "application/vnd.atlas.2023-01-01+json"],
      ["listProjectApiKeys", "application/vnd.atlas.2023-01-01+json"],
    ]);
  });

  it("when Atlas refuses the project's list (it needs Project Owner), the organization's list still finds the key", async () => {
    for (const faults of [
      { listProjectApiKeys: [{ status: 403 as const }] },
      { listProjectApiKeys: [{ status: 401 as const }, { status: 401 as const }] },
    ]) {
      const { code, stdout } = await verify(projectWithOwnerApiKey(), [], faults);
      const status = faults.listProjectApiKeys[0]?.status;
      expect([code, stdout.split("\n")[1]]).toEqual([
        1,
        `Read from Atlas: 0 database users, 0 custom roles, 0 access-list entries, 0 project service accounts, 0 organization service accounts, 2 organization API keys, no project API keys (listProjectApiKeys refused: HTTP ${status} USER_UNAUTHORIZED; their project roles read from the organization's keys), 0 authentication attempts on 1 cluster(s) since 2026-12-09T06:00:00.000Z`,
      ]);
      expect(stdout).toContain(`  CRITICAL unexpected-api-key ${OWNER_KEY.subject}: ${OWNER_KEY.message}\n`);
    }
  });

  it("any other refusal of the project's list is an API error: exit 2", async () => {
    const { code, stderr } = await verify(projectWithOwnerApiKey(), [], {
      listProjectApiKeys: Array(4).fill({ status: 500 }),
    });
    expect([code, stderr]).toEqual([
      2,
      "verify-live: GET /api/atlas/v2/groups/64b7f3a1c2d4e5f6a7b8c9d0/apiKeys: HTTP 500 UNEXPECTED_ERROR: injected by the test\n",
    ]);
  });

  it("clean once the key's public key is listed in --known-credentials", async () => {
    const { code, stdout } = await verify(projectWithOwnerApiKey(), ["--json", "--known-credentials", "qzvbkmwe"]);
    expect([code, (JSON.parse(stdout) as { findings: Finding[] }).findings]).toEqual([0, []]);
  });

  it("the specification refuses an API-key answer Atlas could not give", () => {
    const validate = responseValidator();
    const page = (key: Record<string, unknown>) => ({ results: [key], totalCount: 1, links: [] });
    const media = "application/vnd.atlas.2023-01-01+json";
    expect(
      validate("/api/atlas/v2/orgs/{orgId}/apiKeys", "GET", 200, media, page({ publicKey: "toolongkey" })),
    ).toEqual([
      `GET /api/atlas/v2/orgs/{orgId}/apiKeys 200 ${media}: /results/0/publicKey must NOT have more than 8 characters`,
    ]);
    expect(
      validate(
        "/api/atlas/v2/groups/{groupId}/apiKeys",
        "GET",
        200,
        media,
        page({ roles: [{ roleName: "GROUP_ADMIN" }] }),
      ),
    ).toEqual([
      `GET /api/atlas/v2/groups/{groupId}/apiKeys 200 ${media}: /results/0/roles/0/roleName must be equal to one of the allowed values`,
    ]);
  });
});
