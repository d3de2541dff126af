/** Project-wide settings: custom roles (declared, within the allowlist) and access-list entries open to the world. */
import { CUSTOM_ROLE_ACTION_ALLOWLIST } from "../../../domain/atlas";
import type { AccessListEntry, CustomRole } from "../client";
import { type Declared, apiActionName } from "../declared";
import type { Finding } from "../finding";

const ALLOWED = new Set(CUSTOM_ROLE_ACTION_ALLOWLIST.map(apiActionName));

export function checkCustomRoles(declared: Declared, live: readonly CustomRole[]): Finding[] {
  const findings: Finding[] = [];
  const byName = new Map(declared.customRoles.map((r) => [r.roleName, r]));
  for (const role of live) {
    const subject = `custom role ${role.roleName}`;
    const actions = (role.actions ?? []).map((a) => a.action as string);
    const outside = [...new Set(actions.filter((a) => !ALLOWED.has(a)))];
    const inherited = (role.inheritedRoles ?? []).map((r) => `${r.role}@${r.db}`);
    const beyond = [
      ...(outside.length > 0 ? [`actions beyond the allowlist: ${outside.join(", ")}`] : []),
      ...(inherited.length > 0 ? [`inherited roles: ${inherited.join(", ")}`] : []),
    ];
    const mine = byName.get(role.roleName);
    if (!mine) {
      findings.push({
        id: "unexpected-custom-role",
        severity: beyond.length > 0 ? "critical" : "high",
        subject,
        message: `no stack declares this custom role${beyond.length > 0 ? `; ${beyond.join("; ")}` : ""}`,
        fix: "find out who created it (Atlas project activity feed); delete it, or declare it in a stack's streams config",
      });
      continue;
    }
    const undeclared = [...new Set(actions.filter((a) => !mine.actions.includes(a) && ALLOWED.has(a)))];
    if (beyond.length + undeclared.length === 0) continue;
    findings.push({
      id: "custom-role-drift",
      severity: beyond.length > 0 ? "critical" : "high",
      subject,
      message: `live role is wider than stack ${mine.stack} declares: ${[...beyond, ...(undeclared.length > 0 ? [`undeclared actions: ${undeclared.join(", ")}`] : [])].join("; ")}`,
      fix: `run \`pulumi up\` for stack ${mine.stack} to restore the declared actions, and find out who changed the role`,
    });
  }
  return findings;
}

export function checkAccessList(declared: Declared, live: readonly AccessListEntry[]): Finding[] {
  return live
    .filter((e) => /\/0$/.test(e.cidrBlock ?? "") && !declared.accessList.includes(e.cidrBlock ?? ""))
    .map((e) => ({
      id: "access-list-open",
      severity: "critical" as const,
      subject: `access-list entry ${e.cidrBlock}`,
      message: `the project accepts connections from any address${e.comment ? ` (comment: ${e.comment})` : ""}`,
      fix: "delete the entry and list the workloads' egress addresses (or private endpoints) instead",
    }));
}
