/**
 * THE Atlas role names, reserved databases and action allowlists. The rulebook's Atlas rules, the config schema
 * (`stacks/schema/*`), the components and the admission policies all import them from here, so "what is broad" is
 * written once.
 */

/** Databases no built-in role may be granted on (a custom role of this stack is granted on `admin`: CLARIFICATIONS). */
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

/** Why `role` is never granted, or undefined when it may be considered. `*AnyDatabase` roles reach every database. */
export function forbiddenRoleReason(role: string): string | undefined {
  if (/AnyDatabase$/.test(role)) return "every *AnyDatabase role reaches every database of the cluster";
  return Object.prototype.hasOwnProperty.call(FORBIDDEN_ROLES, role) ? FORBIDDEN_ROLES[role] : undefined;
}

/** `atlasAdmin`, `root`, `clusterMonitor`, `backup`, `enableSharding`, …, or any `*AnyDatabase` role. */
export const isForbiddenRole = (role: string): boolean => forbiddenRoleReason(role) !== undefined;

/**
 * Atlas Stream Processing privilege actions a custom role of this program may carry. Sources: seed 000/001
 * (docs/atlas/atlas-stream-processing/security, the first nine) and the newer English page (`getStreamProcessor`,
 * `listStreamConnections`), as recorded in shared/reference/pulumi.md section 2. They apply to the whole stream
 * workspace. UNVERIFIED: whether the Admin API's custom-role `actions[].action` accepts these camelCase names.
 */
export const STREAM_PROCESSING_ACTIONS = [
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

/**
 * Data actions (Atlas custom-role action names, docs/atlas/reference/custom-role-actions) a custom role may carry,
 * only on a named, non-system database: enough to read a change stream as `$source` and write as a `$merge` sink;
 * nothing that administers users, roles or the cluster.
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

/**
 * The documented allowlist (CLARIFICATIONS.md): a custom role granted on `admin` may carry only these actions, and
 * no inherited roles.
 */
export const CUSTOM_ROLE_ACTION_ALLOWLIST: readonly string[] = [...STREAM_PROCESSING_ACTIONS, ...DATA_ACTIONS];
