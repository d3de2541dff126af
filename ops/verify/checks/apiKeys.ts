/**
 * Legacy programmatic API keys. This program declares none (the deploy, the operator and this check use service
 * accounts), so every key that holds a role on the project, or an organization role beyond Organization Member, is
 * broader than declared. A key whose public key is listed in `--known-credentials` is left alone.
 */
import { ORG_ROLES_REACHING_EVERY_PROJECT } from "../../../domain/atlas";
import type { ApiKey } from "../client";
import type { CheckContext, Finding, Severity } from "../finding";

/** The organization role any key may hold: it sees the organization and reaches no project by itself. */
const ORG_ROLES_ALLOWED = ["ORG_MEMBER"];

/**
 * Roles that hand out database access, so a key holding one is critical. The project roles are those the Admin API
 * accepts for `updateDatabaseUser` ("Project Owner role, Project Charts Admin role, Project Stream Processing Owner
 * role, or the Project Database Access Admin role", mongodb/openapi `openapi/v2.json` at commit 0002f827; Charts
 * Admin is no API-key role); Organization Owner grants "Project Owner access to all projects in the organization"
 * (https://www.mongodb.com/docs/atlas/reference/user-roles/).
 */
const GRANTS_DATABASE_ACCESS: Record<string, string> = {
  GROUP_OWNER: "GROUP_OWNER creates and edits database users",
  GROUP_DATABASE_ACCESS_ADMIN: "GROUP_DATABASE_ACCESS_ADMIN creates and edits database users",
  GROUP_STREAM_PROCESSING_OWNER: "GROUP_STREAM_PROCESSING_OWNER creates and edits database users",
  ORG_OWNER: `ORG_OWNER ${ORG_ROLES_REACHING_EVERY_PROJECT.ORG_OWNER ?? ""}`,
};

export interface ApiKeyScope {
  orgId: string;
  projectId: string;
}

type Role = NonNullable<ApiKey["roles"]>[number];
const identity = (k: ApiKey) => k.id ?? k.publicKey ?? "";

/**
 * `orgKeys` from `listApiKeys` (each with all its project and organization roles), `projectKeys` from
 * `listProjectApiKeys` ([] when Atlas refused it): a key is merged by id, its roles united.
 */
export function checkApiKeys(
  orgKeys: readonly ApiKey[],
  projectKeys: readonly ApiKey[],
  scope: ApiKeyScope,
  ctx: CheckContext,
): Finding[] {
  const keys = new Map<string, { key: ApiKey; roles: Role[]; listedInProject: boolean }>();
  const add = (key: ApiKey, inProject: boolean) => {
    const entry = keys.get(identity(key)) ?? { key, roles: [], listedInProject: false };
    for (const r of key.roles ?? []) {
      const same = (o: Role) => o.roleName === r.roleName && o.groupId === r.groupId && o.orgId === r.orgId;
      if (!entry.roles.some(same)) entry.roles.push(r);
    }
    entry.listedInProject ||= inProject;
    keys.set(identity(key), entry);
  };
  orgKeys.forEach((k) => add(k, false));
  projectKeys.forEach((k) => add(k, true));

  const findings: Finding[] = [];
  for (const { key, roles, listedInProject } of keys.values()) {
    if (ctx.knownCredentials.has(key.publicKey ?? "")) continue;
    const names = (rs: Role[]) => [...new Set(rs.map((r) => r.roleName ?? ""))];
    const projectRoles = names(roles.filter((r) => r.groupId === scope.projectId));
    const orgRoles = names(
      roles.filter((r) => r.groupId === undefined && (r.orgId ?? scope.orgId) === scope.orgId),
    ).filter((r) => r.startsWith("ORG_") && !ORG_ROLES_ALLOWED.includes(r));
    const inProject = listedInProject || projectRoles.length > 0;
    if (!inProject && orgRoles.length === 0) continue;

    const granting = [...projectRoles, ...orgRoles].filter((r) => r in GRANTS_DATABASE_ACCESS);
    const reading = orgRoles.filter((r) => r in ORG_ROLES_REACHING_EVERY_PROJECT && !(r in GRANTS_DATABASE_ACCESS));
    const severity: Severity = granting.length > 0 ? "critical" : inProject || reading.length > 0 ? "high" : "medium";
    const why = [
      ...granting.map((r) => GRANTS_DATABASE_ACCESS[r]),
      ...reading.map((r) => `${r} ${ORG_ROLES_REACHING_EVERY_PROJECT[r] ?? ""}`),
    ];
    const held = [
      ...(inProject ? [`project role(s) ${projectRoles.join(", ") || "none listed"} on this project`] : []),
      ...(orgRoles.length > 0 ? [`organization role(s) ${orgRoles.join(", ")}`] : []),
    ];
    findings.push({
      id: "unexpected-api-key",
      severity,
      subject: `api key ${key.publicKey ?? key.id ?? "?"} (${key.desc ?? "no description"})`,
      message:
        `a legacy programmatic API key holds ${held.join(" and ")}, and no stack declares API keys` +
        (why.length > 0 ? `: ${why.join("; ")}` : "") +
        (inProject ? "" : "; it is not assigned to this project"),
      fix: inProject
        ? "remove it from the project (Project → Access Manager → Applications → API Keys) or delete it; give whatever still uses it a service account holding only the roles it needs; list its public key in --known-credentials only if it is the deploy credential"
        : "lower it to Organization Member or delete it (Organization → Access Manager → Applications → API Keys); give whatever still uses it a service account instead",
    });
  }
  return findings;
}
