import { mutate, view, type RuleCases } from "../../cases";

const user = view(
  "mongodbatlas:index/databaseUser:DatabaseUser",
  {
    projectId: "p",
    username: "u",
    authDatabaseName: "admin",
    roles: [{ roleName: "orders-stream", databaseName: "admin" }],
    scopes: [{ name: "shared", type: "CLUSTER" }],
  },
  "u",
);
/** The one role accepted on admin: a custom role of this stack, allowlisted actions, data actions on a named database. */
const streamRole = view(
  "mongodbatlas:index/customDbRole:CustomDbRole",
  {
    projectId: "p",
    roleName: "orders-stream",
    actions: [
      { action: "CREATE_STREAM_PROCESSOR", resources: [{ cluster: true }] },
      { action: "FIND", resources: [{ databaseName: "orders_staging", collectionName: "events" }] },
    ],
  },
  "orders-stream-role",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "built-in roles on admin, local and config",
      resources: [
        mutate(user, {
          roles: [
            { roleName: "readWrite", databaseName: "admin" },
            { roleName: "read", databaseName: "local" },
            { roleName: "read", databaseName: "config" },
          ],
        }),
      ],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "readWrite" on "admin"; only a custom role declared in this stack may be granted on admin, local or config',
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[1] grants "read" on "local"; only a custom role declared in this stack may be granted on admin, local or config',
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[2] grants "read" on "config"; only a custom role declared in this stack may be granted on admin, local or config',
      ],
    },
    {
      name: "a custom role with a non-allowlisted action",
      resources: [
        mutate(streamRole, {
          actions: [{ action: "DROP_DATABASE", resources: [{ databaseName: "orders_staging" }] }],
        }),
        user,
      ],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" has action "DROP_DATABASE" (actions[0]), which is not on the allowlist',
      ],
    },
    {
      name: "a custom role reading the admin database",
      resources: [mutate(streamRole, { actions: [{ action: "FIND", resources: [{ databaseName: "admin" }] }] }), user],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" has data action "FIND" (actions[0]) on database "admin"',
      ],
    },
    {
      name: "a custom role inheriting a role",
      resources: [
        mutate(streamRole, {
          actions: [{ action: "CREATE_STREAM_PROCESSOR", resources: [] }],
          inheritedRoles: [{ roleName: "read", databaseName: "orders_staging" }],
        }),
        user,
      ],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" inherits other roles',
      ],
    },
    {
      name: "a custom role on local",
      resources: [streamRole, mutate(user, { roles: [{ roleName: "orders-stream", databaseName: "local" }] })],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "local"; a custom role is granted on "admin", never on local or config',
      ],
    },
    {
      name: "a custom role name not declared in this stack",
      resources: [user],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants "orders-stream" on "admin"; only a custom role declared in this stack may be granted on admin, local or config',
      ],
    },
  ],
  compliant: [
    {
      name: "an allowlisted custom role of this stack on admin, and built-in roles on the environment database",
      resources: [
        streamRole,
        user,
        mutate(user, { username: "v", roles: [{ roleName: "readWrite", databaseName: "orders_staging" }] }, "v"),
      ],
    },
  ],
};
