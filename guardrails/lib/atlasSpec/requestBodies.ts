/**
 * The one table from a `mongodbatlas:*` resource's inputs to the Admin API request body the provider sends for it.
 * Input names are the Pulumi provider's (`node_modules/@pulumi/mongodbatlas/*.d.ts`, camelCase of the Terraform
 * provider's schema); what it sends for them is the Terraform provider's (mongodb/terraform-provider-mongodbatlas,
 * tag v2.16.0, `internal/service/*` and `internal/serviceapi/*`); body names and schemas are the Admin API's
 * (vendor/atlas-admin-api/v2-subset.json). Inputs that travel in the URL (`projectId` → `{groupId}`) are not in the
 * body unless the schema has them.
 */
import { isRecord } from "../values";

/** How one input becomes a body field: its API name, and for objects (or lists of objects) their own fields. */
export interface Field {
  to: string;
  fields?: Fields;
  /** Sent by the provider when the input is absent (fields the API model always serialises). */
  default?: unknown;
}
export type Fields = Readonly<Record<string, string | Field>>;

export interface RequestBody {
  /** The operation the provider calls to create the resource. */
  operation: string;
  /** `components.schemas` entry of the request body. */
  schema: string;
  fields: Fields;
}

const same = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

export const REQUEST_BODIES: Readonly<Record<string, RequestBody>> = {
  "mongodbatlas:index/databaseUser:DatabaseUser": {
    operation: "createDatabaseUser (POST /api/atlas/v2/groups/{groupId}/databaseUsers)",
    schema: "CloudDatabaseUser",
    fields: {
      projectId: "groupId",
      authDatabaseName: "databaseName",
      awsIamType: "awsIAMType",
      ...same("username", "password", "description", "x509Type", "ldapAuthType", "oidcAuthType"),
      labels: { to: "labels", fields: same("key", "value") },
      roles: { to: "roles", fields: same("roleName", "databaseName", "collectionName") },
      scopes: { to: "scopes", fields: same("name", "type") },
    },
  },
  "mongodbatlas:index/customDbRole:CustomDbRole": {
    operation: "createCustomDatabaseRole (POST /api/atlas/v2/groups/{groupId}/customDBRoles/roles)",
    schema: "UserCustomDBRole",
    fields: {
      roleName: "roleName",
      actions: {
        to: "actions",
        fields: {
          action: "action",
          resources: {
            to: "resources",
            fields: {
              cluster: { to: "cluster", default: false },
              databaseName: { to: "db", default: "" },
              collectionName: { to: "collection", default: "" },
            },
          },
        },
      },
      inheritedRoles: { to: "inheritedRoles", fields: { roleName: "role", databaseName: "db" } },
    },
  },
  "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList": {
    operation: "createProjectIpAccessList (POST /api/atlas/v2/groups/{groupId}/accessList, one entry)",
    schema: "NetworkPermissionEntry",
    fields: same("cidrBlock", "ipAddress", "awsSecurityGroup", "comment"),
  },
  "mongodbatlas:index/auditing:Auditing": {
    operation: "updateAuditingConfiguration (PATCH /api/atlas/v2/groups/{groupId}/auditLog)",
    schema: "AuditLog",
    fields: same("enabled", "auditFilter", "auditAuthorizationSuccess"),
  },
  "mongodbatlas:index/streamWorkspace:StreamWorkspace": {
    operation: "createStreamInstance (POST /api/atlas/v2/groups/{groupId}/streams)",
    schema: "StreamsTenant",
    fields: {
      workspaceName: "name",
      dataProcessRegion: { to: "dataProcessRegion", fields: same("cloudProvider", "region") },
      streamConfig: { to: "streamConfig", fields: same("tier") },
    },
  },
  "mongodbatlas:index/streamConnection:StreamConnection": {
    operation: "createStreamConnection (POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections)",
    schema: "StreamsConnection",
    fields: {
      connectionName: "name",
      clusterProjectId: "clusterGroupId",
      ...same("type", "clusterName", "bootstrapServers", "config", "url", "headers"),
      dbRoleToExecute: { to: "dbRoleToExecute", fields: same("role", "type") },
      authentication: { to: "authentication", fields: same("mechanism", "username", "password") },
      security: { to: "security", fields: same("brokerPublicCertificate", "protocol") },
      networking: {
        to: "networking",
        fields: { access: { to: "access", fields: same("type", "connectionId") } },
      },
      aws: { to: "aws", fields: same("roleArn") },
    },
  },
  // The provider sends every notification's delayMin (0 when unset) and matchers only when set (its alertconfiguration
  // model.go); projectId travels in the URL (the alert configuration views have groupId read-only).
  "mongodbatlas:index/alertConfiguration:AlertConfiguration": {
    operation: "createAlertConfiguration (POST /api/atlas/v2/groups/{groupId}/alertConfigs)",
    schema: "GroupAlertsConfig",
    fields: {
      eventType: "eventTypeName",
      ...same("enabled", "severityOverride"),
      notifications: {
        to: "notifications",
        fields: {
          delayMin: { to: "delayMin", default: 0 },
          ...same(
            "typeName",
            "emailAddress",
            "emailEnabled",
            "smsEnabled",
            "mobileNumber",
            "intervalMin",
            "roles",
            "username",
            "teamId",
            "channelName",
            "apiToken",
            "datadogApiKey",
            "datadogRegion",
            "opsGenieApiKey",
            "opsGenieRegion",
            "serviceKey",
            "victorOpsApiKey",
            "victorOpsRoutingKey",
            "microsoftTeamsWebhookUrl",
            "webhookUrl",
            "webhookSecret",
            "integrationId",
            "notifierId",
          ),
        },
      },
      matchers: { to: "matchers", fields: same("fieldName", "operator", "value") },
      metricThresholdConfig: {
        to: "metricThreshold",
        fields: same("metricName", "operator", "threshold", "units", "mode"),
      },
      thresholdConfig: { to: "threshold", fields: same("operator", "threshold", "units") },
    },
  },
  // The service-account resources are generated from the API (internal/serviceapi/*): orgId, projectId and clientId
  // travel in the URL, every other input is the body field of the same name.
  "mongodbatlas:index/serviceAccount:ServiceAccount": {
    operation: "createServiceAccount (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts)",
    schema: "OrgServiceAccountRequest",
    fields: same("name", "description", "roles", "secretExpiresAfterHours"),
  },
  "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment": {
    operation: "addProjectServiceAccount (POST /api/atlas/v2/groups/{groupId}/serviceAccounts/{clientId}:invite)",
    schema: "GroupServiceAccountRoleAssignment",
    fields: same("roles"),
  },
  "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry": {
    operation:
      "createServiceAccountAccessList (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}/accessList, one entry)",
    schema: "ServiceAccountIPAccessListEntry",
    fields: same("cidrBlock", "ipAddress"),
  },
  "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret": {
    operation: "createServiceAccountSecret (POST /api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}/secrets)",
    schema: "ServiceAccountSecretRequest",
    fields: same("secretExpiresAfterHours"),
  },
};

function mapValue(value: unknown, field: Field): unknown {
  if (!field.fields) return value;
  if (Array.isArray(value)) return value.map((v) => mapValue(v, field));
  return isRecord(value) ? mapFields(value, field.fields) : value;
}

/** The request body for `inputs` under `fields`: renamed, nested, provider defaults filled, unknown inputs dropped. */
export function mapFields(inputs: Record<string, unknown>, fields: Fields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [input, spec] of Object.entries(fields)) {
    const field: Field = typeof spec === "string" ? { to: spec } : spec;
    const value = inputs[input];
    if (value !== undefined) body[field.to] = mapValue(value, field);
    else if (field.default !== undefined) body[field.to] = field.default;
  }
  return body;
}
