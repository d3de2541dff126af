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

export { FORBIDDEN_ROLES, forbiddenRoleReason } from "../../guardrails/rules/atlas/roles";
/** Databases no built-in role of this program may be granted on (the rulebook's list). */
export {
  SYSTEM_DATABASES as RESERVED_DATABASES,
  isSystemDatabase as isReservedDatabase,
} from "../../guardrails/rules/atlas/roles";

/**
 * Database name prefix of per-pull-request previews when `atlas-access:previews` is absent from a stack (the
 * production stack has no previews but must still refuse `syrf_pr_*` databases).
 */
export const DEFAULT_PREVIEW_PREFIX = "syrf_pr_";

/** The documented stream processor actions (the rulebook's one list; their API acceptance is unverified, see README). */
export { STREAM_PROCESSING_ACTIONS as STREAM_PROCESSOR_ACTIONS } from "../../guardrails/rules/atlas/roles";
import { DATA_ACTIONS, type STREAM_PROCESSING_ACTIONS } from "../../guardrails/rules/atlas/roles";
export type StreamProcessorAction = (typeof STREAM_PROCESSING_ACTIONS)[number];

/** Data actions an execution-profile ("Execute As") custom role may carry, on one named database (the rulebook's list). */
export const EXECUTION_ROLE_ACTIONS = DATA_ACTIONS;

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
const WI_PRINCIPAL_SET = new RegExp(
  `^principalSet://${WI_POOL}/(group|attribute\\.[A-Za-z0-9_]+|namespace|kubernetes\\.[A-Za-z0-9_.]+)/[^\\s*]+$`,
);

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
