/**
 * The access rules of the Atlas area, as plain constants and pure functions. The config schema
 * (`stacks/schema/atlasAccess.ts`) and the components (`components/atlas/*`) both use them, so a rule is written once
 * and the component refuses what the config would refuse even when constructed directly.
 */

/** Built-in roles an application user may hold without any opt-in. */
export const ALLOWED_APP_ROLES = ["read", "readWrite"] as const;

/**
 * Database-level built-in roles a user may hold only with an explicit, documented opt-in (`roleOptIns`).
 * Each stays on one named database; none of them reaches another database.
 */
export const OPT_IN_APP_ROLES = ["dbAdmin", "dbOwner", "userAdmin"] as const;

/** Built-in roles never granted by this program, with the reason shown in the error. */
export const FORBIDDEN_ROLES: Readonly<Record<string, string>> = {
  atlasAdmin: "it administers every database and user of the project",
  root: "it is superuser on every database",
  clusterMonitor: "it reads server-wide state of every database",
  clusterAdmin: "it administers the whole cluster",
  clusterManager: "it manages the whole cluster",
  hostManager: "it manages the servers",
  backup: "it reads every database for backup",
  restore: "it writes every database on restore",
  enableSharding: "it changes sharding across the cluster",
  __system: "it is MongoDB's internal role",
};

/** Why `role` is never granted, or undefined when it may be considered. `*AnyDatabase` roles reach every database. */
export function forbiddenRoleReason(role: string): string | undefined {
  if (/AnyDatabase$/.test(role)) return "every *AnyDatabase role reaches every database of the cluster";
  return Object.prototype.hasOwnProperty.call(FORBIDDEN_ROLES, role) ? FORBIDDEN_ROLES[role] : undefined;
}

/** Databases no built-in role of this program may be granted on. */
export const RESERVED_DATABASES = ["admin", "local", "config"] as const;
export const isReservedDatabase = (db: string): boolean => (RESERVED_DATABASES as readonly string[]).includes(db);

/**
 * Database name prefix of per-pull-request previews when `atlas-access:previews` is absent from a stack (the
 * production stack has no previews but must still refuse `syrf_pr_*` databases).
 */
export const DEFAULT_PREVIEW_PREFIX = "syrf_pr_";

/**
 * THE list of Atlas Stream Processing privilege actions a custom role of this program may carry. Sources:
 * seed 000/001 (docs/atlas/atlas-stream-processing/security, the first nine) and the newer English page
 * (`getStreamProcessor`, `listStreamConnections`), as recorded in shared/reference/pulumi.md section 2.
 * UNVERIFIED: whether the Admin API's custom-role `actions[].action` accepts these camelCase names (see README).
 */
export const STREAM_PROCESSOR_ACTIONS = [
  "processStreamProcessor",
  "createStreamProcessor",
  "startStreamProcessor",
  "stopStreamProcessor",
  "dropStreamProcessor",
  "listStreamProcessors",
  "sampleStreamProcessor",
  "streamProcessorStats",
  "listConnections",
  "getStreamProcessor",
  "listStreamConnections",
] as const;
export type StreamProcessorAction = (typeof STREAM_PROCESSOR_ACTIONS)[number];

/**
 * Data actions an execution-profile ("Execute As") custom role may carry, on one named database: Atlas custom-role
 * action names (docs/atlas/reference/custom-role-actions). Enough to read a change stream as `$source` and write as
 * `$merge` sink; nothing that administers users, roles or the cluster.
 */
export const EXECUTION_ROLE_ACTIONS = ["FIND", "INSERT", "UPDATE", "REMOVE", "CHANGE_STREAM", "LIST_COLLECTIONS", "LIST_INDEXES", "COLL_STATS"] as const;

/** Built-in execute-as roles Atlas offers (all of them reach every database, so none is accepted). */
export const BUILT_IN_EXECUTE_AS_ROLES = ["atlasAdmin", "readWriteAnyDatabase", "readAnyDatabase"] as const;

/** Atlas custom role names: letters, digits, `_` and `-`; not a built-in role name; not `xgen-*`. */
export const CUSTOM_ROLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** MongoDB username as this program accepts it: lowercase, digits, `_` and `-`, starting with a letter. */
export const USERNAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** A GCP Secret Manager secret id. */
export const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

/** A GCP project id. */
export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const SA = /^serviceAccount:[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;
const WI_POOL = "iam\\.googleapis\\.com/projects/\\d+/locations/global/workloadIdentityPools/[a-z0-9.-]+";
const WI_PRINCIPAL = new RegExp(`^principal://${WI_POOL}/subject/[^\\s*]+$`);
// One group, attribute value, Kubernetes namespace or cluster of the pool; never the whole pool (`/*`).
const WI_PRINCIPAL_SET = new RegExp(`^principalSet://${WI_POOL}/(group|attribute\\.[A-Za-z0-9_]+|namespace|kubernetes\\.[A-Za-z0-9_.]+)/[^\\s*]+$`);

/** True for a single GCP service account or a workload-identity principal (set) of one subject/group/namespace. */
export function isSecretAccessor(member: string): boolean {
  return SA.test(member) || WI_PRINCIPAL.test(member) || WI_PRINCIPAL_SET.test(member);
}
export const SECRET_ACCESSOR_HINT =
  "must be one workload identity: serviceAccount:<name>@<project>.iam.gserviceaccount.com, " +
  "principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/<subject> " +
  "or principalSet://… for one group, attribute, namespace or cluster; never allUsers, allAuthenticatedUsers, user:, group: or domain:";

/** The one Secret Manager role granted, on one secret. */
export const SECRET_ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";

/** Which database a role on `database` would reach that belongs to someone else, or undefined if none. */
export function foreignDatabaseReason(
  database: string,
  environment: "prod" | "staging",
  environmentDatabases: { prod: string; staging: string },
  previewPrefix: string,
): string | undefined {
  // The environment's own database is always its users' to reach; a preview prefix that would cover it is refused
  // by the previews rules (stacks/schema/kubernetes.ts), once.
  if (database === environmentDatabases[environment]) return undefined;
  const other = environment === "prod" ? "staging" : "prod";
  if (database === environmentDatabases[other]) {
    return `is the ${other} database; a ${environment} user may only reach ${environmentDatabases[environment]}`;
  }
  if (database.startsWith(previewPrefix)) {
    return `is a preview database (prefix ${previewPrefix}); a ${environment} user may only reach ${environmentDatabases[environment]}`;
  }
  return `is not the ${environment} database; a ${environment} user may only reach ${environmentDatabases[environment]}`;
}
