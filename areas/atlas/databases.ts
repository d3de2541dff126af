/**
 * Which database a role of an environment's user may be granted on: the environment's own only, never the other
 * environment's, a preview database or a system database. Application users and stream execution roles obey it.
 */
import type { Environment } from "../../config/core";
import type { AddIssue } from "../../config/rules";
import { isSystemDatabase } from "../../domain/atlas";
import { DEFAULT_PREVIEW_PREFIX } from "../../domain/kubernetes";

/** Which database a role on `database` would reach that belongs to someone else, or undefined if none. */
export function foreignDatabaseReason(
  database: string,
  environment: Environment,
  environmentDatabases: { prod: string; staging: string },
  previewPrefix: string,
): string | undefined {
  // The environment's own database is always its users' to reach; a preview prefix that would cover it is refused
  // by the previews rules (areas/operator/config.ts), once.
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

/** What {@link checkOwnDatabase} reads of the config. */
export interface DatabaseOwnership {
  environment: Environment;
  atlas: { environmentDatabases: { prod: string; staging: string } };
  previews?: { databasePrefix: string };
}

/** Reports at `path` a grant on `database` that is not the environment's own (a system database included). */
export function checkOwnDatabase(cfg: DatabaseOwnership, database: string, path: PropertyKey[], add: AddIssue): void {
  const ownDatabase = cfg.atlas.environmentDatabases[cfg.environment];
  if (isSystemDatabase(database)) {
    add(path, database, `no role of this program is granted on admin, local or config; use ${ownDatabase}`);
    return;
  }
  const previewPrefix = cfg.previews?.databasePrefix ?? DEFAULT_PREVIEW_PREFIX;
  const reason = foreignDatabaseReason(database, cfg.environment, cfg.atlas.environmentDatabases, previewPrefix);
  if (reason) add(path, database, reason);
}
