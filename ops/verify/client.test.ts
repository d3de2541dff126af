import { type AtlasClientOptions, MEDIA_2023_01_01, MEDIA_2024_08_05, createAtlasClient } from "./client";
import { apiKey } from "./fixtures/project";
import { AtlasApiError, retryAfterMs } from "./http";
import { type FakeAtlas, type FakeAtlasOptions, type FakeProject, startFakeAtlas } from "./testing/fakeAtlas";

const ORG = "5f0c2a9e8d1b4c3a2e1f0d9c";
const GROUP = "64b7f3a1c2d4e5f6a7b8c9d0";
const credentials = { clientId: "mdb_sa_id_0123456789abcdef01234567", clientSecret: "mdb_sa_sk_client-test-secret" };

const users = ["a", "b", "c", "d", "e"].map((u) => ({
  username: `user_${u}`,
  databaseName: "admin" as const,
  roles: [{ roleName: "read" as const, databaseName: "syrf_staging" }],
  scopes: [{ name: "syrf-shared", type: "CLUSTER" as const }],
}));
const project: FakeProject = {
  orgId: ORG,
  groupId: GROUP,
  databaseUsers: users,
  customRoles: [],
  accessList: [],
  projectServiceAccounts: [],
  orgServiceAccounts: [],
  apiKeys: [
    apiKey(1, "keyaaaaa", "a", ["ORG_MEMBER"]),
    apiKey(2, "keybbbbb", "b", ["ORG_MEMBER", "GROUP_READ_ONLY"]),
    apiKey(3, "keyccccc", "c", ["ORG_OWNER"]),
  ],
  accessLogs: {},
  openPullRequests: [],
};

let server: FakeAtlas | undefined;
const sleeps: number[] = [];
async function setUp(faults: FakeAtlasOptions["faults"] = {}, options: Partial<AtlasClientOptions> = {}) {
  await server?.close();
  sleeps.length = 0;
  server = await startFakeAtlas(project, { ...credentials, faults });
  const client = createAtlasClient({
    baseUrl: server.baseUrl,
    credentials,
    itemsPerPage: 2,
    retry: { baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
    ...options,
  });
  return { client, server };
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof AtlasApiError ? e.message : `not an AtlasApiError: ${String(e)}`),
  );

afterEach(() => expect(server?.violations).toEqual([]));
afterAll(() => server?.close());

describe("Atlas client against a local Admin API", () => {
  it("reads every page (pageNum, itemsPerPage, totalCount) with the versioned Accept header and a bearer token", async () => {
    const { client, server } = await setUp();
    expect((await client.listDatabaseUsers(GROUP)).map((u) => u.username)).toEqual(users.map((u) => u.username));
    expect(server.requests.map((r) => [r.operation, r.query.pageNum, r.query.itemsPerPage, r.accept, r.auth])).toEqual([
      ["token", undefined, undefined, "application/json", "Basic"],
      ["listDatabaseUsers", "1", "2", MEDIA_2023_01_01, "Bearer"],
      ["listDatabaseUsers", "2", "2", MEDIA_2023_01_01, "Bearer"],
      ["listDatabaseUsers", "3", "2", MEDIA_2023_01_01, "Bearer"],
    ]);
    await client.listOrgServiceAccounts(ORG);
    expect(server.requests.at(-1)?.accept).toBe(MEDIA_2024_08_05);
  });

  it("reads the organization's and the project's API keys, every page, as version 2023-01-01", async () => {
    const { client, server } = await setUp();
    expect((await client.listOrgApiKeys(ORG)).map((k) => k.publicKey)).toEqual(["keyaaaaa", "keybbbbb", "keyccccc"]);
    expect((await client.listProjectApiKeys(GROUP)).map((k) => k.publicKey)).toEqual(["keybbbbb"]);
    expect(server.requests.slice(1).map((r) => [r.operation, r.path, r.query.pageNum, r.accept])).toEqual([
      ["listApiKeys", `/api/atlas/v2/orgs/${ORG}/apiKeys`, "1", MEDIA_2023_01_01],
      ["listApiKeys", `/api/atlas/v2/orgs/${ORG}/apiKeys`, "2", MEDIA_2023_01_01],
      ["listProjectApiKeys", `/api/atlas/v2/groups/${GROUP}/apiKeys`, "1", MEDIA_2023_01_01],
    ]);
  });

  it("retries a 429 after its Retry-After and a 500 after a back-off, then succeeds", async () => {
    const { client, server } = await setUp({ listDatabaseUsers: [{ status: 429, retryAfter: "3" }, { status: 500 }] });
    expect(await client.listDatabaseUsers(GROUP)).toHaveLength(5);
    expect(sleeps).toEqual([3000, 200]);
    expect(server.requests.filter((r) => r.operation === "listDatabaseUsers")).toHaveLength(5);
  });

  it("gives up after the last attempt with the status and Atlas's error code", async () => {
    const { client } = await setUp({ listCustomDatabaseRoles: Array(4).fill({ status: 500 }) });
    expect(await failure(client.listCustomRoles(GROUP))).toBe(
      `GET /api/atlas/v2/groups/${GROUP}/customDBRoles/roles: HTTP 500 UNEXPECTED_ERROR: injected by the test`,
    );
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it("gets a new token once when Atlas answers 401 to an expired one", async () => {
    const { client, server } = await setUp({ listProjectIpAccessLists: [{ expireTokens: true }] });
    expect(await client.listAccessList(GROUP)).toEqual([]);
    expect(server.requests.map((r) => r.operation)).toEqual([
      "token",
      "listProjectIpAccessLists",
      "token",
      "listProjectIpAccessLists",
    ]);
  });

  it("reports a body that is not JSON, or not the documented shape, as a malformed response", async () => {
    const { client } = await setUp({ listDatabaseUsers: [{ malformed: "not-json" }, { malformed: "wrong-shape" }] });
    expect(await failure(client.listDatabaseUsers(GROUP))).toBe(
      "GET databaseUsers: HTTP 200 MALFORMED_RESPONSE: the body is not JSON",
    );
    expect(await failure(client.listDatabaseUsers(GROUP))).toBe(
      "GET databaseUsers: HTTP 200 MALFORMED_RESPONSE: page 1 has no results array",
    );
  });

  it("times out a request that does not answer, retrying within the bound", async () => {
    const { client } = await setUp(
      { listServiceAccounts: [{ delayMs: 2000 }, { delayMs: 2000 }] },
      { retry: { timeoutMs: 100, maxAttempts: 2, baseDelayMs: 10, sleep: async (ms) => void sleeps.push(ms) } },
    );
    expect(await failure(client.listOrgServiceAccounts(ORG))).toBe(
      `GET /api/atlas/v2/orgs/${ORG}/serviceAccounts: no response TIMEOUT: no answer within 100 ms after 2 attempt(s)`,
    );
  });

  it("names the token endpoint's refusal, and never the secret", async () => {
    const { client } = await setUp({}, { credentials: { ...credentials, clientSecret: "mdb_sa_sk_wrong-secret" } });
    const message = await failure(client.listDatabaseUsers(GROUP));
    expect(message).toBe("POST /api/oauth/token: HTTP 401 invalid_client: unknown client credentials");
    expect(message).not.toContain("wrong-secret");
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
