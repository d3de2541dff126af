/** Reads, read-only, what the live Atlas project holds. */
import type {
  AccessListEntry,
  AccessLog,
  ApiKey,
  AtlasClient,
  CustomRole,
  DatabaseUser,
  OrgServiceAccount,
  ProjectServiceAccount,
} from "./client";
import { AtlasApiError } from "./http";

export interface LiveProject {
  users: DatabaseUser[];
  customRoles: CustomRole[];
  accessList: AccessListEntry[];
  projectServiceAccounts: ProjectServiceAccount[];
  orgServiceAccounts: OrgServiceAccount[];
  orgApiKeys: ApiKey[];
  /**
   * The project's API keys, or why Atlas refused to list them: `listProjectApiKeys` needs Project Owner, which a
   * read-only verification credential does not hold. The organization's list carries every key's project roles too.
   */
  projectApiKeys: { keys: ApiKey[] } | { refused: AtlasApiError };
  accessLogs: { cluster: string; logs: AccessLog[] }[];
}

export interface LiveTarget {
  orgId: string;
  projectId: string;
  clusters: readonly string[];
  /** Authentication history window, epoch milliseconds. */
  window: { start: number; end: number };
}

/** A refusal for want of a role: Atlas answers 401 (after a fresh token) or 403. */
const refused = (err: unknown): err is AtlasApiError =>
  err instanceof AtlasApiError && (err.status === 401 || err.status === 403);

/** One call at a time: the check is small, and Atlas rate-limits per organization. */
export async function readLiveProject(client: AtlasClient, target: LiveTarget): Promise<LiveProject> {
  const users = await client.listDatabaseUsers(target.projectId);
  const customRoles = await client.listCustomRoles(target.projectId);
  const accessList = await client.listAccessList(target.projectId);
  const projectServiceAccounts = await client.listProjectServiceAccounts(target.projectId);
  const orgServiceAccounts = await client.listOrgServiceAccounts(target.orgId);
  const orgApiKeys = await client.listOrgApiKeys(target.orgId);
  let projectApiKeys: LiveProject["projectApiKeys"];
  try {
    projectApiKeys = { keys: await client.listProjectApiKeys(target.projectId) };
  } catch (err) {
    if (!refused(err)) throw err;
    projectApiKeys = { refused: err };
  }
  const accessLogs: LiveProject["accessLogs"] = [];
  for (const cluster of target.clusters) {
    accessLogs.push({ cluster, logs: await client.listAccessLogs(target.projectId, cluster, target.window) });
  }
  return {
    users,
    customRoles,
    accessList,
    projectServiceAccounts,
    orgServiceAccounts,
    orgApiKeys,
    projectApiKeys,
    accessLogs,
  };
}
