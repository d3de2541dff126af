import { mutate, view, type RuleCases } from "../../cases";

const P = "64b7f3a1c2d4e5f6a7b8c9d0";
const T = {
  user: "mongodbatlas:index/databaseUser:DatabaseUser",
  role: "mongodbatlas:index/customDbRole:CustomDbRole",
  access: "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
  auditing: "mongodbatlas:index/auditing:Auditing",
  workspace: "mongodbatlas:index/streamWorkspace:StreamWorkspace",
  connection: "mongodbatlas:index/streamConnection:StreamConnection",
};
const OP = {
  user: "createDatabaseUser (POST /api/atlas/v2/groups/{groupId}/databaseUsers)",
  role: "createCustomDatabaseRole (POST /api/atlas/v2/groups/{groupId}/customDBRoles/roles)",
  access: "createProjectIpAccessList (POST /api/atlas/v2/groups/{groupId}/accessList, one entry)",
  auditing: "updateAuditingConfiguration (PATCH /api/atlas/v2/groups/{groupId}/auditLog)",
  workspace: "createStreamInstance (POST /api/atlas/v2/groups/{groupId}/streams)",
  connection: "createStreamConnection (POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections)",
};

const user = view(T.user, {
  projectId: P,
  username: "syrf_staging_stream_viewer",
  authDatabaseName: "admin",
  password: "p4ssw0rd-p4ssw0rd",
  roles: [{ roleName: "syrf-staging-stream-viewer", databaseName: "admin" }],
  scopes: [{ name: "syrf-staging-streams", type: "STREAM" }],
  labels: [{ key: "managed-by", value: "pulumi-atlas-access" }],
});
const role = view(T.role, {
  projectId: P,
  roleName: "viewer",
  actions: [
    { action: "LIST_STREAM_PROCESSORS", resources: [{ cluster: true }] },
    { action: "FIND", resources: [{ databaseName: "syrf_staging", collectionName: "events" }] },
  ],
});
const access = view(T.access, { projectId: P, cidrBlock: "203.0.113.16/29", comment: "office" });
const auditing = view(T.auditing, { projectId: P, enabled: true, auditFilter: "{}", auditAuthorizationSuccess: false });
const workspace = view(T.workspace, {
  projectId: P,
  workspaceName: "ws",
  dataProcessRegion: { cloudProvider: "AWS", region: "DUBLIN_IRL" },
  streamConfig: { tier: "SP10" },
});
const connection = view(T.connection, {
  projectId: P,
  workspaceName: "ws",
  connectionName: "c",
  type: "Cluster",
  clusterName: "shared",
  dbRoleToExecute: { role: "exec", type: "CUSTOM" },
});
const kafka = mutate(connection, {
  type: "Kafka",
  clusterName: undefined,
  dbRoleToExecute: undefined,
  bootstrapServers: "broker:9092",
  networking: { access: { type: "PUBLIC" } },
});

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "DatabaseUser: bad enum (scope type, auth database), bad pattern (scope name), missing required (username)",
      resources: [
        mutate(user, {
          username: undefined,
          authDatabaseName: "local",
          scopes: [{ name: "-streams", type: "WORKSPACE" }],
        }),
      ],
      findings: [
        `${T.user} r: databaseName is "local"; #/components/schemas/CloudDatabaseUser/properties/databaseName/enum accepts admin, $external (${OP.user})`,
        `${T.user} r: scopes[0].name is "-streams"; #/components/schemas/UserScope/properties/name/pattern requires a match of ^[a-zA-Z0-9][a-zA-Z0-9-]*$ (${OP.user})`,
        `${T.user} r: scopes[0].type is "WORKSPACE"; #/components/schemas/UserScope/properties/type/enum accepts CLUSTER, DATA_LAKE, STREAM (${OP.user})`,
        `${T.user} r: username is missing; #/components/schemas/CloudDatabaseUser/required requires it (${OP.user})`,
      ],
    },
    {
      name: "CustomDbRole: the documentation's camelCase action (bad enum) and a missing roleName (its schema has no pattern)",
      resources: [
        mutate(role, {
          roleName: undefined,
          actions: [{ action: "createStreamProcessor", resources: [{ cluster: true }] }],
        }),
      ],
      findings: [
        `${T.role} r: actions[0].action is "createStreamProcessor"; #/components/schemas/DatabasePrivilegeAction/properties/action/enum accepts one of 74 values, closest: CREATE_STREAM_PROCESSOR (${OP.role})`,
        `${T.role} r: roleName is missing; #/components/schemas/UserCustomDBRole/required requires it (${OP.role})`,
      ],
    },
    {
      name: "ProjectIpAccessList: an address the ipAddress pattern refuses (its schema has no enum and no required field)",
      resources: [mutate(access, { cidrBlock: undefined, ipAddress: "300.1.2.3" })],
      findings: [
        `${T.access} r: ipAddress is "300.1.2.3"; #/components/schemas/NetworkPermissionEntry/properties/ipAddress/pattern requires a match of ^((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)(\\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$ (${OP.access})`,
      ],
    },
    {
      name: "Auditing: a flag sent as text (AuditLog has no writable enum, pattern or required field)",
      resources: [mutate(auditing, { enabled: "true" })],
      findings: [
        `${T.auditing} r: enabled is "true"; #/components/schemas/AuditLog/properties/enabled/type: must be boolean (${OP.auditing})`,
      ],
    },
    {
      name: "StreamWorkspace: bad enum (cloud provider, tier) and a missing region",
      resources: [mutate(workspace, { dataProcessRegion: { cloudProvider: "IBM" }, streamConfig: { tier: "SP5" } })],
      findings: [
        `${T.workspace} r: dataProcessRegion.cloudProvider is "IBM"; #/components/schemas/StreamsDataProcessRegion/properties/cloudProvider/enum accepts AWS, GCP, AZURE, TENANT, SERVERLESS (${OP.workspace})`,
        `${T.workspace} r: dataProcessRegion.region is missing; #/components/schemas/StreamsDataProcessRegion/required requires it (${OP.workspace})`,
        `${T.workspace} r: streamConfig.tier is "SP5"; #/components/schemas/StreamConfig/properties/tier/enum accepts SP30, SP10 (${OP.workspace})`,
      ],
    },
    {
      name: "StreamConnection: bad enum (execute-as type), bad pattern (Kafka private link id), missing type",
      resources: [
        mutate(connection, { dbRoleToExecute: { role: "exec", type: "BUILTIN" } }, "a"),
        mutate(kafka, { networking: { access: { type: "PRIVATE_LINK", connectionId: "pl-123" } } }, "b"),
        mutate(connection, { type: undefined }, "c"),
      ],
      findings: [
        `${T.connection} a: dbRoleToExecute.type is "BUILTIN"; #/components/schemas/DBRoleToExecute/properties/type/enum accepts BUILT_IN, CUSTOM (${OP.connection})`,
        `${T.connection} b: networking.access.connectionId is "pl-123"; #/components/schemas/StreamsKafkaNetworkingAccess/properties/connectionId/pattern requires a match of ^([a-f0-9]{24})$ (${OP.connection})`,
        `${T.connection} c: type is missing; #/components/schemas/StreamsConnection/allOf/1/required requires it (${OP.connection})`,
      ],
    },
    {
      name: "an Atlas resource type the table does not map is refused, so nothing reaches Atlas unchecked",
      resources: [view("mongodbatlas:index/cluster:Cluster", { projectId: P, name: "c" }, "cl")],
      findings: [
        "mongodbatlas:index/cluster:Cluster cl: has no request schema in guardrails/lib/atlasSpec/requestBodies.ts, so nothing checks what Atlas receives; map it",
      ],
    },
  ],
  compliant: [
    {
      name: "each mapped resource as the program sends it, a Kafka connection, and a type listed as not yet mapped",
      resources: [
        user,
        role,
        access,
        auditing,
        workspace,
        connection,
        kafka,
        view("mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret", { orgId: P, clientId: "x" }, "s"),
      ],
    },
  ],
};
