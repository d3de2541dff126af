/** Reads, read-only, what the live Atlas project holds. */
import type {
  AccessListEntry,
  AccessLog,
  AtlasClient,
  CustomRole,
  DatabaseUser,
  OrgServiceAccount,
  ProjectServiceAccount,
} from "./client";

export interface LiveProject {
  users: DatabaseUser[];
  customRoles: CustomRole[];
  accessList: AccessListEntry[];
  projectServiceAccounts: ProjectServiceAccount[];
  orgServiceAccounts: OrgServiceAccount[];
  accessLogs: { cluster: string; logs: AccessLog[] }[];
}

export interface LiveTarget {
  orgId: string;
  projectId: string;
  clusters: readonly string[];
  /** Authentication history window, epoch milliseconds. */
  window: { start: number; end: number };
}

/** One call at a time: the check is small, and Atlas rate-limits per organization. */
export async function readLiveProject(client: AtlasClient, target: LiveTarget): Promise<LiveProject> {
  const users = await client.listDatabaseUsers(target.projectId);
  const customRoles = await client.listCustomRoles(target.projectId);
  const accessList = await client.listAccessList(target.projectId);
  const projectServiceAccounts = await client.listProjectServiceAccounts(target.projectId);
  const orgServiceAccounts = await client.listOrgServiceAccounts(target.orgId);
  const accessLogs: LiveProject["accessLogs"] = [];
  for (const cluster of target.clusters) {
    accessLogs.push({ cluster, logs: await client.listAccessLogs(target.projectId, cluster, target.window) });
  }
  return { users, customRoles, accessList, projectServiceAccounts, orgServiceAccounts, accessLogs };
}
