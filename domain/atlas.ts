/**
 * Atlas names, roles, databases and actions: what is broad, what is reserved, what the program grants. The config
 * schema, the components, the rulebook and the admission policies all read these lists, so "what is broad" is
 * written once.
 */

/** An Atlas organization or project id: 24 lowercase hexadecimal characters. */
export const ATLAS_ID = /^[0-9a-f]{24}$/;
/** Atlas cluster names: letters, digits and hyphens, at most 64 characters (Atlas rule). */
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** A cluster's SRV host, e.g. `shared.ab12c.mongodb.net`. */
export const CLUSTER_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.mongodb\.net$/;
/**
 * A MongoDB database name as this program accepts it: lowercase letters, digits and `_`, starting with a letter,
 * at most 63 characters. Stricter than MongoDB on purpose: names are compared byte for byte by the guardrails and
 * the admission policies, so case and punctuation variants are not allowed to exist.
 */
export const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** A database user name as this program accepts it: lowercase, digits, `_` and `-`, starting with a letter. */
export const USERNAME = /^[a-z][a-z0-9_-]{0,63}$/;
/** Atlas custom role names: letters, digits, `_` and `-`. */
export const CUSTOM_ROLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Stream processing workspace names. */
export const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Databases no built-in role may be granted on (a custom role of this stack is granted on `admin`, as Atlas requires). */
export const SYSTEM_DATABASES = ["admin", "local", "config"] as const;
export const isSystemDatabase = (db: string): boolean => (SYSTEM_DATABASES as readonly string[]).includes(db);

/** Built-in roles never granted by this program, with the reason shown in errors. `*AnyDatabase` roles too. */
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

/** `readWriteAnyDatabase`, `readAnyDatabase`, `dbAdminAnyDatabase`, …: a built-in role on every database of the cluster. */
export const isAnyDatabaseRole = (role: string): boolean => /AnyDatabase$/.test(role);

/** Why `role` is never granted, or undefined when it may be considered. `*AnyDatabase` roles reach every database. */
export function forbiddenRoleReason(role: string): string | undefined {
  if (isAnyDatabaseRole(role)) return "every *AnyDatabase role reaches every database of the cluster";
  return Object.prototype.hasOwnProperty.call(FORBIDDEN_ROLES, role) ? FORBIDDEN_ROLES[role] : undefined;
}

/** `atlasAdmin`, `root`, `clusterMonitor`, `backup`, `enableSharding`, …, or any `*AnyDatabase` role. */
export const isForbiddenRole = (role: string): boolean => forbiddenRoleReason(role) !== undefined;

/** Built-in roles a user of this program may hold on its one database without any opt-in. */
export const ALLOWED_DATABASE_ROLES = ["read", "readWrite"] as const;

/**
 * Database-level built-in roles an application user may hold only with an explicit, documented opt-in. Each stays on
 * one named database; none of them reaches another database.
 */
export const OPT_IN_DATABASE_ROLES = ["dbAdmin", "dbOwner", "userAdmin"] as const;

/** Database-level built-in role names a custom role may not reuse. */
export const DATABASE_BUILT_IN_ROLES: readonly string[] = [...ALLOWED_DATABASE_ROLES, ...OPT_IN_DATABASE_ROLES];

/**
 * The one project role of the Atlas Kubernetes operator's credential: it creates, updates and deletes database users
 * (and, unavoidably, custom database roles); it cannot change clusters, access lists or project settings.
 */
export const OPERATOR_PROJECT_ROLE = "GROUP_DATABASE_ACCESS_ADMIN";
/**
 * The one organization role of the operator's service account: every Atlas service account needs one, and this is
 * the least Atlas offers (no project access by itself; any role above it reaches other projects).
 */
export const OPERATOR_ORG_ROLE = "ORG_MEMBER";

/**
 * Organization roles that reach every project of the organization without any project role: Organization Owner is
 * Project Owner of each, Organization Read Only reads each (https://www.mongodb.com/docs/atlas/reference/user-roles/).
 */
export const ORG_ROLES_REACHING_EVERY_PROJECT: Readonly<Record<string, string>> = {
  ORG_OWNER: "is Project Owner of every project of the organization",
  ORG_READ_ONLY: "reads every project of the organization",
};

/**
 * Atlas Stream Processing privilege actions a custom role of this program may carry, spelled as the Admin API's
 * `DatabasePrivilegeAction.action` enum spells them (mongodb/openapi `openapi/v2.json`, vendored in
 * `vendor/atlas-admin-api/`). They apply to the whole stream workspace.
 */
export const STREAM_PROCESSING_ACTIONS = [
  "PROCESS_STREAM_PROCESSOR",
  "CREATE_STREAM_PROCESSOR",
  "START_STREAM_PROCESSOR",
  "STOP_STREAM_PROCESSOR",
  "DROP_STREAM_PROCESSOR",
  "LIST_STREAM_PROCESSORS",
  "SAMPLE_STREAM_PROCESSOR",
  "STREAM_PROCESSOR_STATS",
  "LIST_CONNECTIONS",
  "GET_STREAM_PROCESSOR",
] as const;
export type StreamProcessingAction = (typeof STREAM_PROCESSING_ACTIONS)[number];

/**
 * The camelCase names of the stream processing documentation (docs/atlas/atlas-stream-processing/security), accepted
 * in config as aliases and sent as the API name. `listStreamConnections` (newer docs) has no API name: not an alias.
 */
export const STREAM_PROCESSING_ACTION_ALIASES: Readonly<Record<string, StreamProcessingAction>> = {
  processStreamProcessor: "PROCESS_STREAM_PROCESSOR",
  createStreamProcessor: "CREATE_STREAM_PROCESSOR",
  startStreamProcessor: "START_STREAM_PROCESSOR",
  stopStreamProcessor: "STOP_STREAM_PROCESSOR",
  dropStreamProcessor: "DROP_STREAM_PROCESSOR",
  listStreamProcessors: "LIST_STREAM_PROCESSORS",
  sampleStreamProcessor: "SAMPLE_STREAM_PROCESSOR",
  streamProcessorStats: "STREAM_PROCESSOR_STATS",
  listConnections: "LIST_CONNECTIONS",
  getStreamProcessor: "GET_STREAM_PROCESSOR",
};

/** The API name of a stream processing action given by its API name or a documented alias; undefined otherwise. */
export function streamProcessingAction(name: string): StreamProcessingAction | undefined {
  if ((STREAM_PROCESSING_ACTIONS as readonly string[]).includes(name)) return name as StreamProcessingAction;
  return Object.prototype.hasOwnProperty.call(STREAM_PROCESSING_ACTION_ALIASES, name)
    ? STREAM_PROCESSING_ACTION_ALIASES[name]
    : undefined;
}

/** How config may name stream processing actions: each API name, then each documented alias. */
export const STREAM_PROCESSING_ACTION_NAMES: readonly string[] = [
  ...STREAM_PROCESSING_ACTIONS,
  ...Object.keys(STREAM_PROCESSING_ACTION_ALIASES),
];

/**
 * Data actions (Atlas custom-role action names) a custom role may carry, only on a named, non-system database:
 * enough to read a change stream as `$source` and write as a `$merge` sink; nothing that administers users, roles or
 * the cluster.
 */
export const DATA_ACTIONS = [
  "FIND",
  "INSERT",
  "UPDATE",
  "REMOVE",
  "CHANGE_STREAM",
  "LIST_COLLECTIONS",
  "LIST_INDEXES",
  "COLL_STATS",
] as const;

/** What a custom role granted on `admin` may carry: only these actions, and no inherited roles. */
export const CUSTOM_ROLE_ACTION_ALLOWLIST: readonly string[] = [...STREAM_PROCESSING_ACTIONS, ...DATA_ACTIONS];

/** Built-in execute-as roles Atlas offers for a stream connection (all of them reach every database). */
export const BUILT_IN_EXECUTE_AS_ROLES = ["atlasAdmin", "readWriteAnyDatabase", "readAnyDatabase"] as const;

/**
 * Days before a credential's expiry from which it is reported as expiring; a rotation period must leave at least this
 * much of the secret's lifetime, so that a late rotation is reported before the credential stops working.
 */
export const CREDENTIAL_EXPIRY_WARNING_DAYS = 14;

/** A rotation date as config writes it: `YYYY-MM-DD` (UTC). */
export const ROTATION_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The day `days` after `date` (both `YYYY-MM-DD`, UTC). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Database users Atlas allows in one project unless MongoDB support raised the project's limit ("MongoDB Cloud
 * supports a maximum of 100 database users per project", Atlas Admin API v2 `createDatabaseUser`,
 * https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createdatabaseuser).
 */
export const ATLAS_DATABASE_USERS_PER_PROJECT = 100;
