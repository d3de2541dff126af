/** Atlas role names and action allowlists the Atlas rules share (and components may import). */

/** Built-in database roles no user, custom role or stream connection of this program may hold. */
export const FORBIDDEN_BUILTIN_ROLES: readonly string[] = ["atlasAdmin", "root", "clusterMonitor", "backup", "enableSharding"];

/** `atlasAdmin`, `root`, `clusterMonitor`, `backup`, `enableSharding`, or any `*AnyDatabase` role. */
export const isForbiddenRole = (role: string): boolean => FORBIDDEN_BUILTIN_ROLES.includes(role) || /AnyDatabase$/.test(role);

/** Databases no built-in role may be granted on. */
export const SYSTEM_DATABASES: readonly string[] = ["admin", "local", "config"];

/**
 * Stream Processing privilege actions (Atlas docs, "Atlas Stream Processing: privilege actions"). They apply to the
 * whole stream workspace. Unverified: whether the Admin API accepts these camelCase names (see README).
 */
export const STREAM_PROCESSING_ACTIONS: readonly string[] = [
  "processStreamProcessor",
  "createStreamProcessor",
  "startStreamProcessor",
  "stopStreamProcessor",
  "dropStreamProcessor",
  "listStreamProcessors",
  "sampleStreamProcessor",
  "streamProcessorStats",
  "getStreamProcessor",
  "listConnections",
  "listStreamConnections",
];

/** Data actions (Atlas custom-role action names) allowed in a custom role, only on a named, non-system database. */
export const DATA_ACTIONS: readonly string[] = ["FIND", "INSERT", "UPDATE", "REMOVE", "CHANGE_STREAM", "LIST_COLLECTIONS"];

/**
 * The documented allowlist (CLARIFICATIONS.md): a custom role granted on `admin` may carry only these actions, and
 * no inherited roles.
 */
export const CUSTOM_ROLE_ACTION_ALLOWLIST: readonly string[] = [...STREAM_PROCESSING_ACTIONS, ...DATA_ACTIONS];
