/**
 * Service accounts that reach the project (roles beyond what is declared, unknown ones), and every secret or password
 * that expires soon or is older than its rotation period.
 */
import { ORG_ROLES_REACHING_EVERY_PROJECT, addDays } from "../../../domain/atlas";
import type { OrgServiceAccount, ProjectServiceAccount } from "../client";
import type { Declared, DeclaredServiceAccount } from "../declared";
import { type CheckContext, DAY_MS, type Finding, type Severity } from "../finding";

/** Critical for a role that owns the project (directly or through the organization), else high. */
const roleSeverity = (roles: readonly string[]): Severity =>
  roles.some((r) => r === "GROUP_OWNER" || r === "ORG_OWNER") ? "critical" : "high";
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function checkServiceAccounts(
  declared: Declared,
  orgAccounts: readonly OrgServiceAccount[],
  projectAccounts: readonly ProjectServiceAccount[],
  ctx: CheckContext,
): Finding[] {
  const findings: Finding[] = [];
  const byName = new Map(declared.serviceAccounts.map((s) => [s.name, s]));
  const roleDrift = (
    subject: string,
    live: readonly string[],
    allowed: readonly string[],
    mine: DeclaredServiceAccount,
    scope: string,
  ) => {
    const extra = live.filter((r) => !allowed.includes(r));
    if (extra.length === 0) return;
    findings.push({
      id: "service-account-roles",
      severity: roleSeverity(extra),
      subject,
      message: `holds ${scope} role(s) ${extra.join(", ")} beyond what stack ${mine.stack} declares (${allowed.join(", ") || "none"})`,
      fix: `remove the role(s) in Atlas or run \`pulumi up\` for stack ${mine.stack}, and find out who granted them`,
    });
  };
  for (const sa of projectAccounts) {
    const subject = `service account ${sa.name ?? sa.clientId}`;
    const mine = byName.get(sa.name ?? "");
    if (mine) roleDrift(subject, sa.roles ?? [], mine.projectRoles, mine, "project");
    else if (!ctx.knownCredentials.has(sa.clientId ?? "")) {
      findings.push({
        id: "unexpected-service-account",
        severity: roleSeverity(sa.roles ?? []),
        subject,
        message: `no stack declares this service account, yet it holds project role(s) ${(sa.roles ?? []).join(", ") || "none"}`,
        fix: "remove it from the project, declare it, or list its client id in --known-credentials (the deploy and verification credentials)",
      });
    }
  }
  for (const sa of orgAccounts) {
    const subject = `service account ${sa.name ?? sa.clientId}`;
    const mine = byName.get(sa.name ?? "");
    if (mine) roleDrift(subject, sa.roles ?? [], mine.orgRoles, mine, "organization");
    else if (!ctx.knownCredentials.has(sa.clientId ?? "")) {
      const reaching = (sa.roles ?? []).filter((r) => r in ORG_ROLES_REACHING_EVERY_PROJECT);
      if (reaching.length === 0) continue;
      findings.push({
        id: "unexpected-service-account",
        severity: reaching.includes("ORG_OWNER") ? "critical" : "high",
        subject,
        message: `no stack declares this service account, yet its organization role(s) ${reaching.join(", ")} reach every project`,
        fix: "lower its organization role, declare it, or list its client id in --known-credentials",
      });
    }
  }
  // Secrets of every account that is declared, known, or in the project.
  const inScope = new Map<string, Account>();
  const inProject = new Set(projectAccounts.map((sa) => sa.clientId));
  for (const sa of [...orgAccounts, ...projectAccounts] as Account[]) {
    const relevant =
      byName.has(sa.name ?? "") || ctx.knownCredentials.has(sa.clientId ?? "") || inProject.has(sa.clientId);
    if (relevant && !inScope.has(sa.clientId ?? "")) inScope.set(sa.clientId ?? "", sa);
  }
  for (const sa of inScope.values()) findings.push(...secretFindings(sa, byName.get(sa.name ?? ""), ctx));
  return findings;
}

/** What both kinds of account share: a name, a client id, secrets. */
type Account =
  | Pick<OrgServiceAccount, "name" | "clientId" | "secrets">
  | Pick<ProjectServiceAccount, "name" | "clientId" | "secrets">;

function secretFindings(sa: Account, mine: DeclaredServiceAccount | undefined, ctx: CheckContext): Finding[] {
  const subject = `service account ${sa.name ?? sa.clientId}`;
  const secrets = (sa.secrets ?? []).map((s) => ({
    created: Date.parse(s.createdAt),
    expires: Date.parse(s.expiresAt),
  }));
  if (secrets.length === 0) return [];
  const valid = secrets.filter((s) => s.expires > ctx.now).sort((a, b) => b.expires - a.expires);
  const newest = valid[0];
  if (!newest) {
    return [
      {
        id: "expiring-credential",
        severity: "critical",
        subject,
        message: `every secret has expired (the last on ${day(Math.max(...secrets.map((s) => s.expires)))}): whatever uses this account has lost access`,
        fix: mine
          ? "rotate it now: set operator.credential.rotation.rotatedOn to today and deploy"
          : "generate a new secret and hand it to its user",
      },
    ];
  }
  const out: Finding[] = [];
  const daysLeft = Math.floor((newest.expires - ctx.now) / DAY_MS);
  if (daysLeft < ctx.expiryWarningDays) {
    out.push({
      id: "expiring-credential",
      severity: "high",
      subject,
      message: `its newest secret expires on ${day(newest.expires)} (in ${daysLeft} day(s), warning from ${ctx.expiryWarningDays})`,
      fix: mine
        ? "rotate it: set operator.credential.rotation.rotatedOn to today and deploy"
        : "generate a new secret, hand it over, then delete the old one",
    });
  }
  const age = Math.floor((ctx.now - newest.created) / DAY_MS);
  if (mine?.rotateEveryDays !== undefined && age > mine.rotateEveryDays) {
    out.push({
      id: "rotation-overdue",
      severity: "medium",
      subject,
      message: `its newest secret was created on ${day(newest.created)}, ${age} days ago, beyond its rotation period of ${mine.rotateEveryDays} days`,
      fix: `rotate it: set operator.credential.rotation.rotatedOn to today in stack ${mine.stack} and deploy`,
    });
  }
  return out;
}

export function checkPasswordRotations(declared: Declared, ctx: CheckContext): Finding[] {
  return declared.passwordRotations
    .filter((p) => Date.parse(`${addDays(p.rotatedOn, p.rotateEveryDays)}T00:00:00Z`) < ctx.now)
    .map((p) => ({
      id: "rotation-overdue",
      severity: "medium" as const,
      subject: `password of user ${p.username}`,
      message: `last rotated on ${p.rotatedOn}; due by ${addDays(p.rotatedOn, p.rotateEveryDays)} (every ${p.rotateEveryDays} days)`,
      fix: `set the user's passwordRotation.rotatedOn to today in stack ${p.stack} and deploy`,
    }));
}
