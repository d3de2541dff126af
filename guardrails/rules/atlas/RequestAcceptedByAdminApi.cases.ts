import { mutate, view, type RuleCases } from "../../cases";

const P = "64b7f3a1c2d4e5f6a7b8c9d0";
const T = {
  user: "mongodbatlas:index/databaseUser:DatabaseUser",
  role: "mongodbatlas:index/customDbRole:CustomDbRole",
  access: "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
  auditing: "mongodbatlas:index/auditing:Auditing",
  workspace: "mongodbatlas:index/streamWorkspace:StreamWorkspace",
  connection: "mongodbatlas:index/streamConnection:StreamConnection",
  alert: "mongodbatlas:index/alertConfiguration:AlertConfiguration",
  account: "mongodbatlas:index/serviceAccount:ServiceAccount",
  assignment: "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
  accountAccess: "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
  secret: "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret",
};
const OP = {
  user: "createDatabaseUser (POST /api/atlas/v2/groups/{groupId}/databaseUsers)",
  role: "createCustomDatabaseRole (POST /api/atlas/v2/groups/{groupId}/customDBRoles/roles)",
  access: "createProjectIpAccessList (POST /api/atlas/v2/groups/{groupId}/accessList, one entry)",
  auditing: "updateAuditingConfiguration (PATCH /api/atlas/v2/groups/{groupId}/auditLog)",
  workspace: "createStreamInstance (POST /api/atlas/v2/groups/{groupId}/streams)",
  connection: "createStreamConnection (POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections)",
  alert: "createAlertConfiguration (POST /api/atlas/v2/groups/{groupId}/alertConfigs)",
  account: "createServiceAccount (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts)",
  assignment: "addProjectServiceAccount (POST /api/atlas/v2/groups/{groupId}/serviceAccounts/{clientId}:invite)",
  accountAccess:
    "createServiceAccountAccessList (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}/accessList, one entry)",
  secret: "createServiceAccountSecret (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}/secrets)",
};
const O = "5f0c2a9e8d1b4c3a2e1f0d9c";
const CLIENT = "mdb_sa_id_0123456789abcdef01234567";

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

const alert = view(T.alert, {
  projectId: P,
  eventType: "NETWORK_PERMISSION_ENTRY_ADDED",
  enabled: true,
  notifications: [
    { typeName: "EMAIL", emailAddress: "security@example.com", delayMin: 0 },
    { typeName: "WEBHOOK", webhookUrl: "https://hooks.example.com/atlas", webhookSecret: "s3cret", delayMin: 0 },
  ],
});
const account = view(T.account, {
  orgId: O,
  name: "atlas-kubernetes-operator",
  description: "Atlas Kubernetes Operator, GROUP_DATABASE_ACCESS_ADMIN on one project only",
  roles: ["ORG_MEMBER"],
  secretExpiresAfterHours: 8,
});
const assignment = view(T.assignment, { clientId: CLIENT, projectId: P, roles: ["GROUP_DATABASE_ACCESS_ADMIN"] });
const accountAccess = view(T.accountAccess, { orgId: O, clientId: CLIENT, cidrBlock: "203.0.113.16/29" });
const secret = view(T.secret, { orgId: O, clientId: CLIENT, secretExpiresAfterHours: 2160 });

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
      name: "AlertConfiguration: an event that is not alertable, a bad notification type, pattern and minimum, no event",
      resources: [
        mutate(alert, { eventType: "MONGODB_USER_ADDED" }, "a"),
        mutate(
          alert,
          { notifications: [{ typeName: "EMAILS" }, { typeName: "EMAIL", notifierId: "n-1", intervalMin: 2 }] },
          "b",
        ),
        mutate(alert, { eventType: undefined }, "c"),
      ],
      findings: [
        `${T.alert} a: eventTypeName is "MONGODB_USER_ADDED"; #/components/schemas/GroupAlertsConfig/oneOf accepts one of 122 values (${OP.alert})`,
        `${T.alert} b: notifications[0].typeName is "EMAILS"; #/components/schemas/AlertsNotificationRootForGroup/oneOf accepts one of 14 values (${OP.alert})`,
        `${T.alert} b: notifications[1].intervalMin is 2; #/components/schemas/EmailNotification/properties/intervalMin/minimum: must be >= 5 (${OP.alert})`,
        `${T.alert} b: notifications[1].notifierId is "n-1"; #/components/schemas/EmailNotification/properties/notifierId/pattern requires a match of ^([a-f0-9]{24})$ (${OP.alert})`,
        `${T.alert} c: eventTypeName is missing; #/components/schemas/GroupAlertsConfig/oneOf requires it (${OP.alert})`,
      ],
    },
    {
      name: "AlertConfiguration: the chosen view's own rules (bad matcher operator, missing matcher value)",
      resources: [mutate(alert, { matchers: [{ fieldName: "HOSTNAME", operator: "EQ" }] })],
      findings: [
        `${T.alert} r: matchers[0].operator is "EQ"; #/components/schemas/AlertMatcher/properties/operator/enum accepts EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, NOT_EQUALS, NOT_CONTAINS, REGEX (${OP.alert})`,
        `${T.alert} r: matchers[0].value is missing; #/components/schemas/AlertMatcher/required requires it (${OP.alert})`,
      ],
    },
    {
      name: "ServiceAccount: a description with characters the API refuses, no organization role, no name",
      resources: [
        mutate(account, { description: "Operator: one project (managed)", roles: ["ORG_ADMIN"] }, "a"),
        mutate(account, { name: undefined, roles: [] }, "b"),
      ],
      findings: [
        `${T.account} a: description is "Operator: one project (managed)"; #/components/schemas/OrgServiceAccountRequest/properties/description/pattern requires a match of ^[\\p{L}\\p{N}\\-_.,' ]*$ (${OP.account})`,
        `${T.account} a: roles[0] is "ORG_ADMIN"; #/components/schemas/OrgServiceAccountRequest/properties/roles/items/enum accepts ORG_MEMBER, ORG_READ_ONLY, ORG_BILLING_ADMIN, ORG_BILLING_READ_ONLY, ORG_GROUP_CREATOR, ORG_OWNER (${OP.account})`,
        `${T.account} b: name is missing; #/components/schemas/OrgServiceAccountRequest/required requires it (${OP.account})`,
        `${T.account} b: roles is []; #/components/schemas/OrgServiceAccountRequest/properties/roles/minItems: must NOT have fewer than 1 items (${OP.account})`,
      ],
    },
    {
      name: "ServiceAccountProjectAssignment: an organization role on a project, and no roles",
      resources: [mutate(assignment, { roles: ["ORG_MEMBER"] }, "a"), mutate(assignment, { roles: undefined }, "b")],
      findings: [
        `${T.assignment} a: roles[0] is "ORG_MEMBER"; #/components/schemas/GroupServiceAccountRoleAssignment/properties/roles/items/enum accepts GROUP_OWNER, GROUP_READ_ONLY, GROUP_DATA_ACCESS_ADMIN, GROUP_DATA_ACCESS_READ_ONLY, GROUP_DATA_ACCESS_READ_WRITE, GROUP_CLUSTER_MANAGER, GROUP_SEARCH_INDEX_EDITOR, GROUP_STREAM_PROCESSING_OWNER, GROUP_BACKUP_MANAGER, GROUP_OBSERVABILITY_VIEWER, GROUP_DATABASE_ACCESS_ADMIN (${OP.assignment})`,
        `${T.assignment} b: roles is missing; #/components/schemas/GroupServiceAccountRoleAssignment/required requires it (${OP.assignment})`,
      ],
    },
    {
      name: "ServiceAccountAccessListEntry: a CIDR block without a prefix length (its schema has no enum or required field)",
      resources: [mutate(accountAccess, { cidrBlock: "203.0.113.16" })],
      findings: [
        `${T.accountAccess} r: cidrBlock is "203.0.113.16"; #/components/schemas/ServiceAccountIPAccessListEntry/properties/cidrBlock/pattern requires a match of ^((([0-9]{1,3}\\.){3}[0-9]{1,3})|(:{0,2}([0-9a-f]{1,4}:){0,7}[0-9a-f]{1,4}[:]{0,2}))((%2[fF]|/)[0-9]{1,3})+$ (${OP.accountAccess})`,
      ],
    },
    {
      name: "ServiceAccountSecret: no lifetime (its schema has no enum or pattern)",
      resources: [mutate(secret, { secretExpiresAfterHours: undefined })],
      findings: [
        `${T.secret} r: secretExpiresAfterHours is missing; #/components/schemas/ServiceAccountSecretRequest/required requires it (${OP.secret})`,
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
      name: "each mapped resource as the program sends it, and a Kafka connection",
      resources: [
        user,
        role,
        access,
        auditing,
        workspace,
        connection,
        kafka,
        alert,
        account,
        assignment,
        accountAccess,
        secret,
      ],
    },
  ],
};
