import { mutate, view, type RuleCases } from "../../cases";

const connection = view(
  "mongodbatlas:index/streamConnection:StreamConnection",
  {
    projectId: "p",
    workspaceName: "ws",
    connectionName: "c",
    type: "Cluster",
    clusterName: "shared",
    dbRoleToExecute: { role: "orders-stream", type: "CUSTOM" },
  },
  "c",
);
/** The happy connection renamed (the connection name follows the resource name) with some inputs changed. */
const variant = (name: string, inputs: Record<string, unknown>) =>
  mutate(connection, { connectionName: name, ...inputs }, name);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "BUILT_IN readWriteAnyDatabase, a Cluster connection without dbRoleToExecute, and a CUSTOM named atlasAdmin",
      resources: [
        variant("a", { dbRoleToExecute: { role: "readWriteAnyDatabase", type: "BUILT_IN" } }),
        variant("b", { dbRoleToExecute: undefined }),
        variant("d", { dbRoleToExecute: { role: "atlasAdmin", type: "CUSTOM" } }),
      ],
      findings: [
        'mongodbatlas:index/streamConnection:StreamConnection a: dbRoleToExecute is {"role":"readWriteAnyDatabase","type":"BUILT_IN"}; it must be type "CUSTOM"',
        "mongodbatlas:index/streamConnection:StreamConnection b: has no dbRoleToExecute; a Cluster connection must execute as a CUSTOM role",
        'mongodbatlas:index/streamConnection:StreamConnection d: dbRoleToExecute role "atlasAdmin" is a forbidden role name',
      ],
    },
  ],
  compliant: [
    {
      name: "a custom execute-as role, and a Kafka connection without one",
      resources: [connection, variant("k", { type: "Kafka", clusterName: undefined, dbRoleToExecute: undefined })],
    },
  ],
};
