import { mutate, view, type RuleCases } from "../../cases";

const user = view(
  "mongodbatlas:index/databaseUser:DatabaseUser",
  {
    projectId: "p",
    username: "u",
    authDatabaseName: "admin",
    roles: [],
    scopes: [{ name: "shared", type: "CLUSTER" }],
  },
  "u",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "no scopes",
      resources: [mutate(user, { scopes: undefined }), mutate(user, { username: "v", scopes: [] }, "v")],
      findings: [
        "mongodbatlas:index/databaseUser:DatabaseUser u: has no scopes, so it reaches every cluster and data lake of the project",
        "mongodbatlas:index/databaseUser:DatabaseUser v: has no scopes, so it reaches every cluster and data lake of the project",
      ],
    },
    {
      name: "a scope without a name or with an unknown type",
      resources: [mutate(user, { scopes: [{ type: "CLUSTER" }, { name: "shared", type: "PROJECT" }] })],
      findings: [
        "mongodbatlas:index/databaseUser:DatabaseUser u: scopes[0] has no name",
        'mongodbatlas:index/databaseUser:DatabaseUser u: scopes[1] has type "PROJECT"; expected one of CLUSTER, DATA_LAKE, STREAM',
      ],
    },
  ],
  compliant: [
    { name: "a cluster scope", resources: [user] },
    {
      name: "a cluster scope and a stream scope",
      resources: [
        mutate(user, {
          scopes: [
            { name: "shared", type: "CLUSTER" },
            { name: "orders-ws", type: "STREAM" },
          ],
        }),
      ],
    },
  ],
};
