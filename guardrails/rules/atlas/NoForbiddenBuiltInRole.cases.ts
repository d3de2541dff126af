import { mutate, view, type RuleCases } from "../../cases";

const user = view(
  "mongodbatlas:index/databaseUser:DatabaseUser",
  {
    projectId: "p",
    username: "u",
    authDatabaseName: "admin",
    roles: [{ roleName: "readWrite", databaseName: "orders_staging" }],
    scopes: [{ name: "shared", type: "CLUSTER" }],
  },
  "u",
);
const customRole = view(
  "mongodbatlas:index/customDbRole:CustomDbRole",
  { projectId: "p", roleName: "orders-stream", actions: [] },
  "orders-stream-role",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "atlasAdmin, readWriteAnyDatabase and clusterMonitor on a user",
      resources: [
        mutate(user, {
          roles: [
            { roleName: "atlasAdmin", databaseName: "admin" },
            { roleName: "readWriteAnyDatabase", databaseName: "admin" },
            { roleName: "readWrite", databaseName: "orders_staging" },
            { roleName: "clusterMonitor", databaseName: "admin" },
          ],
        }),
      ],
      findings: [
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[0] grants forbidden role "atlasAdmin" on "admin"',
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[1] grants forbidden role "readWriteAnyDatabase" on "admin"',
        'mongodbatlas:index/databaseUser:DatabaseUser u: roles[3] grants forbidden role "clusterMonitor" on "admin"',
      ],
    },
    {
      name: "a custom role inheriting backup, enableSharding, root and readAnyDatabase",
      resources: [
        mutate(customRole, {
          inheritedRoles: ["backup", "enableSharding", "root", "readAnyDatabase"].map((roleName) => ({
            roleName,
            databaseName: "admin",
          })),
        }),
      ],
      findings: [
        'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[0] grants forbidden role "backup" on "admin"',
        'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[1] grants forbidden role "enableSharding" on "admin"',
        'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[2] grants forbidden role "root" on "admin"',
        'mongodbatlas:index/customDbRole:CustomDbRole orders-stream-role: inheritedRoles[3] grants forbidden role "readAnyDatabase" on "admin"',
      ],
    },
  ],
  compliant: [
    {
      name: "read and readWrite on an environment database",
      resources: [
        mutate(user, {
          roles: [
            { roleName: "readWrite", databaseName: "orders_staging" },
            { roleName: "read", databaseName: "orders_staging" },
          ],
        }),
      ],
    },
    { name: "a custom role inheriting no role", resources: [customRole] },
  ],
};
