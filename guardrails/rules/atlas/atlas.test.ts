import { findingsOf, view } from "../../testing";
import { ATLAS_001, ATLAS_002, ATLAS_003, ATLAS_004, ATLAS_005, ATLAS_006 } from ".";

const USER = "mongodbatlas:index/databaseUser:DatabaseUser";
const CUSTOM = "mongodbatlas:index/customDbRole:CustomDbRole";
const scopes = [{ name: "shared", type: "CLUSTER" }];
const user = (roles: unknown[], name = "u", extra: Record<string, unknown> = {}) =>
  view(USER, { projectId: "p", username: name, authDatabaseName: "admin", roles, scopes, ...extra }, name);
const streamRole = (actions: unknown[], extra: Record<string, unknown> = {}) =>
  view(CUSTOM, { projectId: "p", roleName: "orders-stream", actions, ...extra }, "orders-stream-role");

describe("ATLAS-001: no forbidden built-in role", () => {
  test("Noncompliance 1: atlasAdmin, readWriteAnyDatabase and clusterMonitor on a user", () => {
    const u = user([
      { roleName: "atlasAdmin", databaseName: "admin" },
      { roleName: "readWriteAnyDatabase", databaseName: "admin" },
      { roleName: "readWrite", databaseName: "orders_staging" },
      { roleName: "clusterMonitor", databaseName: "admin" },
    ]);
    expect(findingsOf(ATLAS_001, u)).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants forbidden role "atlasAdmin" on "admin"',
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[1] grants forbidden role "readWriteAnyDatabase" on "admin"',
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[3] grants forbidden role "clusterMonitor" on "admin"',
    ]);
  });
  test("Noncompliance 2: a custom role inheriting backup, enableSharding, root and readAnyDatabase", () => {
    const inheritedRoles = ["backup", "enableSharding", "root", "readAnyDatabase"].map((roleName) => ({
      roleName,
      databaseName: "admin",
    }));
    expect(findingsOf(ATLAS_001, streamRole([], { inheritedRoles }))).toEqual([
      'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[0] grants forbidden role "backup" on "admin"',
      'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[1] grants forbidden role "enableSharding" on "admin"',
      'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[2] grants forbidden role "root" on "admin"',
      'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[3] grants forbidden role "readAnyDatabase" on "admin"',
    ]);
  });
  test("Compliance: read and readWrite on an environment database", () => {
    expect(
      findingsOf(
        ATLAS_001,
        user([
          { roleName: "readWrite", databaseName: "orders_staging" },
          { roleName: "read", databaseName: "orders_staging" },
        ]),
      ),
    ).toEqual([]);
  });
});

describe("ATLAS-002: no role on admin/local/config except an allowlisted custom role of this stack", () => {
  const goodRole = streamRole([
    { action: "createStreamProcessor", resources: [{ cluster: true }] },
    { action: "FIND", resources: [{ databaseName: "orders_staging", collectionName: "events" }] },
  ]);
  test("Noncompliance 1: built-in roles on admin, local and config", () => {
    const u = user([
      { roleName: "readWrite", databaseName: "admin" },
      { roleName: "read", databaseName: "local" },
      { roleName: "read", databaseName: "config" },
    ]);
    expect(findingsOf(ATLAS_002, u)).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "readWrite" on "admin"; only a custom role declared in this stack may be granted on admin, local or config',
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[1] grants "read" on "local"; only a custom role declared in this stack may be granted on admin, local or config',
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[2] grants "read" on "config"; only a custom role declared in this stack may be granted on admin, local or config',
    ]);
  });
  test("Noncompliance 2: a custom role with a non-allowlisted action", () => {
    const role = streamRole([{ action: "DROP_DATABASE", resources: [{ databaseName: "orders_staging" }] }]);
    expect(findingsOf(ATLAS_002, role, user([{ roleName: "orders-stream", databaseName: "admin" }]))).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" has action "DROP_DATABASE" (actions[0]), which is not on the allowlist',
    ]);
  });
  test("Noncompliance 3: a custom role reading the admin database, one inheriting a role, and a custom role on local", () => {
    const onAdmin = streamRole([{ action: "FIND", resources: [{ databaseName: "admin" }] }]);
    expect(findingsOf(ATLAS_002, onAdmin, user([{ roleName: "orders-stream", databaseName: "admin" }]))).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" has data action "FIND" (actions[0]) on database "admin"',
    ]);
    const inherits = streamRole([{ action: "createStreamProcessor", resources: [] }], {
      inheritedRoles: [{ roleName: "read", databaseName: "orders_staging" }],
    });
    expect(findingsOf(ATLAS_002, inherits, user([{ roleName: "orders-stream", databaseName: "admin" }]))).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" inherits other roles',
    ]);
    expect(findingsOf(ATLAS_002, goodRole, user([{ roleName: "orders-stream", databaseName: "local" }]))).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "local"; a custom role is granted on "admin", never on local or config',
    ]);
  });
  test("Noncompliance 4: a custom role name not declared in this stack", () => {
    expect(findingsOf(ATLAS_002, user([{ roleName: "orders-stream", databaseName: "admin" }]))).toEqual([
      'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; only a custom role declared in this stack may be granted on admin, local or config',
    ]);
  });
  test("Compliance: an allowlisted custom role of this stack on admin, and built-in roles on the environment database", () => {
    expect(
      findingsOf(
        ATLAS_002,
        goodRole,
        user([{ roleName: "orders-stream", databaseName: "admin" }]),
        user([{ roleName: "readWrite", databaseName: "orders_staging" }], "v"),
      ),
    ).toEqual([]);
  });
});

describe("ATLAS-003: every user has scopes", () => {
  test("Noncompliance 1: no scopes", () => {
    expect(findingsOf(ATLAS_003, user([], "u", { scopes: undefined }), user([], "v", { scopes: [] }))).toEqual([
      "mongodbatlas:index/databaseUser:DatabaseUser u: has no scopes, so it reaches every cluster and data lake of the project",
      "mongodbatlas:index/databaseUser:DatabaseUser v: has no scopes, so it reaches every cluster and data lake of the project",
    ]);
  });
  test("Noncompliance 2: a scope without a name or with an unknown type", () => {
    expect(
      findingsOf(ATLAS_003, user([], "u", { scopes: [{ type: "CLUSTER" }, { name: "shared", type: "PROJECT" }] })),
    ).toEqual([
      "mongodbatlas:index/databaseUser:DatabaseUser u: scopes[0] has no name",
      'mongodbatlas:index/databaseUser:DatabaseUser u: scopes[1] has type "PROJECT"; expected one of CLUSTER, DATA_LAKE, STREAM',
    ]);
  });
  test("Compliance: a cluster scope and a stream scope", () => {
    expect(
      findingsOf(ATLAS_003, user([], "u", { scopes: [...scopes, { name: "orders-ws", type: "STREAM" }] })),
    ).toEqual([]);
  });
});

describe("ATLAS-004: the operator credential holds exactly GROUP_DATABASE_ACCESS_ADMIN", () => {
  test("Noncompliance 1: extra project roles, and a broad org role", () => {
    expect(
      findingsOf(
        ATLAS_004,
        view(
          "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
          { clientId: "c", projectId: "p", roles: ["GROUP_DATABASE_ACCESS_ADMIN", "GROUP_OWNER"] },
          "assign",
        ),
        view(
          "mongodbatlas:index/serviceAccount:ServiceAccount",
          { orgId: "o", description: "d", roles: ["ORG_OWNER"] },
          "sa",
        ),
      ),
    ).toEqual([
      'mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment assign: roles is ["GROUP_DATABASE_ACCESS_ADMIN","GROUP_OWNER"]; must be exactly ["GROUP_DATABASE_ACCESS_ADMIN"]',
      'mongodbatlas:index/serviceAccount:ServiceAccount sa: roles is ["ORG_OWNER"]; must be exactly ["ORG_MEMBER"]',
    ]);
  });
  test("Noncompliance 2: a legacy ProjectApiKey with GROUP_READ_ONLY", () => {
    expect(
      findingsOf(
        ATLAS_004,
        view(
          "mongodbatlas:index/projectApiKey:ProjectApiKey",
          { description: "d", projectAssignments: [{ projectId: "p", roleNames: ["GROUP_READ_ONLY"] }] },
          "key",
        ),
      ),
    ).toEqual([
      'mongodbatlas:index/projectApiKey:ProjectApiKey key: projectAssignments[0].roleNames is ["GROUP_READ_ONLY"]; must be exactly ["GROUP_DATABASE_ACCESS_ADMIN"]',
    ]);
  });
  test("Compliance: a service account with ORG_MEMBER assigned GROUP_DATABASE_ACCESS_ADMIN", () => {
    expect(
      findingsOf(
        ATLAS_004,
        view("mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment", {
          clientId: "c",
          projectId: "p",
          roles: ["GROUP_DATABASE_ACCESS_ADMIN"],
        }),
        view("mongodbatlas:index/serviceAccount:ServiceAccount", {
          orgId: "o",
          description: "d",
          roles: ["ORG_MEMBER"],
        }),
      ),
    ).toEqual([]);
  });
});

describe("ATLAS-005: no access list open to the world", () => {
  const entry = (inputs: Record<string, unknown>, name = "e") =>
    view(
      "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
      { orgId: "o", clientId: "c", ...inputs },
      name,
    );
  test("Noncompliance 1: 0.0.0.0/0, ::/0 and 0.0.0.0", () => {
    expect(
      findingsOf(
        ATLAS_005,
        entry({ cidrBlock: "0.0.0.0/0" }, "v4"),
        entry({ cidrBlock: "::/0" }, "v6"),
        view(
          "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
          { projectId: "p", ipAddress: "0.0.0.0" },
          "ip",
        ),
      ),
    ).toEqual([
      'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry v4: cidrBlock "0.0.0.0/0" admits every address on the internet',
      'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry v6: cidrBlock "::/0" admits every address on the internet',
      'mongodbatlas:index/projectIpAccessList:ProjectIpAccessList ip: ipAddress "0.0.0.0" admits every address on the internet',
    ]);
  });
  test("Compliance: a /32 and a narrow CIDR", () => {
    expect(
      findingsOf(ATLAS_005, entry({ cidrBlock: "203.0.113.10/32" }), entry({ ipAddress: "198.51.100.7" })),
    ).toEqual([]);
  });
});

describe("ATLAS-006: no stream connection executes as a broad role", () => {
  const conn = (inputs: Record<string, unknown>, name = "c") =>
    view(
      "mongodbatlas:index/streamConnection:StreamConnection",
      { projectId: "p", workspaceName: "ws", connectionName: name, type: "Cluster", clusterName: "shared", ...inputs },
      name,
    );
  test("Noncompliance 1: BUILT_IN readWriteAnyDatabase, a Cluster connection without dbRoleToExecute, and a CUSTOM named atlasAdmin", () => {
    expect(
      findingsOf(
        ATLAS_006,
        conn({ dbRoleToExecute: { role: "readWriteAnyDatabase", type: "BUILT_IN" } }, "a"),
        conn({}, "b"),
        conn({ dbRoleToExecute: { role: "atlasAdmin", type: "CUSTOM" } }, "d"),
      ),
    ).toEqual([
      'mongodbatlas:index/streamConnection:StreamConnection a: dbRoleToExecute is {"role":"readWriteAnyDatabase","type":"BUILT_IN"}; it must be type "CUSTOM"',
      "mongodbatlas:index/streamConnection:StreamConnection b: has no dbRoleToExecute; a Cluster connection must execute as a CUSTOM role",
      'mongodbatlas:index/streamConnection:StreamConnection d: dbRoleToExecute role "atlasAdmin" is a forbidden role name',
    ]);
  });
  test("Compliance: a custom execute-as role, and a Kafka connection without one", () => {
    expect(
      findingsOf(
        ATLAS_006,
        conn({ dbRoleToExecute: { role: "orders-stream", type: "CUSTOM" } }),
        conn({ type: "Kafka", clusterName: undefined }, "k"),
      ),
    ).toEqual([]);
  });
});
