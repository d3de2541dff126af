/** Database users: unexpected ones, drift of declared ones, and preview users whose pull request is not open. */
import { forbiddenRoleReason, isSystemDatabase } from "../../../domain/atlas";
import { PREVIEW_USERNAME_SUFFIX, previewDatabase } from "../../../domain/kubernetes";
import type { DatabaseUser } from "../client";
import type { Declared, Role, Scope } from "../declared";
import type { CheckContext, Finding } from "../finding";

const roleKey = (r: Role) => `${r.roleName}@${r.databaseName}${r.collectionName ? `.${r.collectionName}` : ""}`;
const scopeKey = (s: Scope) => `${s.type} ${s.name}`;
const customRoleNames = (declared: Declared) => new Set(declared.customRoles.map((r) => r.roleName));

/** Why this grant is broad (a forbidden role, a built-in role on a system database), or undefined. */
function broadness(role: Role, customRoles: ReadonlySet<string>): string | undefined {
  const forbidden = forbiddenRoleReason(role.roleName);
  if (forbidden) return `${role.roleName}: ${forbidden}`;
  if (!customRoles.has(role.roleName) && isSystemDatabase(role.databaseName))
    return `${roleKey(role)}: a built-in role on a system database`;
  return undefined;
}

/** The pull request number of a preview username (`<prefix><N>_app`), or undefined. */
export function previewNumber(username: string, prefix: string): number | undefined {
  if (!username.startsWith(prefix) || !username.endsWith(PREVIEW_USERNAME_SUFFIX)) return undefined;
  const middle = username.slice(prefix.length, username.length - PREVIEW_USERNAME_SUFFIX.length);
  return /^[1-9][0-9]*$/.test(middle) ? Number(middle) : undefined;
}

function compare(
  subject: string,
  live: DatabaseUser,
  expected: { roles: Role[]; scopes: Scope[]; origin: string },
  customRoles: ReadonlySet<string>,
): Finding | undefined {
  const liveRoles = (live.roles ?? []).map((r) => r as Role);
  const liveScopes = (live.scopes ?? []).map((s) => s as Scope);
  const want = new Set(expected.roles.map(roleKey));
  const have = new Set(liveRoles.map(roleKey));
  const wider = liveRoles.filter((r) => !want.has(roleKey(r)));
  const narrower = expected.roles.filter((r) => !have.has(roleKey(r)));
  const wantScopes = new Set(expected.scopes.map(scopeKey));
  const haveScopes = new Set(liveScopes.map(scopeKey));
  const unscoped = liveScopes.length === 0 && expected.scopes.length > 0;
  const extraScopes = liveScopes.filter((s) => !wantScopes.has(scopeKey(s)));
  const missingScopes = expected.scopes.filter((s) => !haveScopes.has(scopeKey(s)));
  if (wider.length + narrower.length + extraScopes.length + missingScopes.length === 0) return undefined;
  const parts = [
    ...wider.map((r) => `+role ${roleKey(r)}`),
    ...narrower.map((r) => `-role ${roleKey(r)}`),
    ...(unscoped ? ["no scopes (reaches every cluster)"] : []),
    ...extraScopes.map((s) => `+scope ${scopeKey(s)}`),
    ...(unscoped ? [] : missingScopes.map((s) => `-scope ${scopeKey(s)}`)),
  ];
  const widened = wider.length > 0 || extraScopes.length > 0 || unscoped;
  const broad = unscoped || wider.some((r) => broadness(r, customRoles) !== undefined);
  return {
    id: "user-drift",
    severity: broad ? "critical" : widened ? "high" : "medium",
    subject,
    message: `live access ${widened ? "is wider than" : "is narrower than"} ${expected.origin} declares: ${parts.join(", ")}`,
    fix: "run `pulumi up` for the declaring stack to restore the declared roles and scopes, and find out who changed them (Atlas project activity feed)",
  };
}

export function checkUsers(declared: Declared, live: readonly DatabaseUser[], ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const customRoles = customRoleNames(declared);
  const byName = new Map(declared.users.map((u) => [`${u.authDatabase}|${u.username}`, u]));
  const seen = new Set<string>();
  const previews = declared.previews;
  for (const user of live) {
    const key = `${user.databaseName ?? "admin"}|${user.username}`;
    seen.add(key);
    const subject = `user ${user.username}`;
    const mine = byName.get(key);
    if (mine) {
      const f = compare(subject, user, { ...mine, origin: `stack ${mine.stack}` }, customRoles);
      if (f) findings.push(f);
      continue;
    }
    const pr = previews ? previewNumber(user.username, previews.usernamePrefix) : undefined;
    if (previews && pr !== undefined) {
      if (ctx.openPullRequests.has(pr)) {
        const expected = {
          roles: [{ roleName: "readWrite", databaseName: previewDatabase(previews.databasePrefix, pr) }],
          scopes: previews.clusters.map((name) => ({ name, type: "CLUSTER" })),
          origin: `the preview of pull request #${pr}`,
        };
        const f = compare(subject, user, expected, customRoles);
        if (f)
          findings.push({
            ...f,
            fix: `delete the preview's AtlasDatabaseUser in pr-${pr} and let the program recreate it; check the admission policies`,
          });
      } else {
        findings.push({
          id: "orphaned-preview",
          severity: "high",
          subject,
          message: `preview user of pull request #${pr}, which is not open: its credential outlived the preview`,
          fix: `let the preview-environments workflow close preview ${pr} (or remove ${pr} from previews and deploy); if the user stays, delete it in Atlas`,
        });
      }
      continue;
    }
    const roles = (user.roles ?? []).map((r) => r as Role);
    const reasons = roles.map((r) => broadness(r, customRoles)).filter((r): r is string => r !== undefined);
    if ((user.scopes ?? []).length === 0) reasons.push("no scopes: it reaches every cluster of the project");
    findings.push({
      id: "unexpected-user",
      severity: reasons.length > 0 ? "critical" : "high",
      subject,
      message: `no stack declares this user (roles ${roles.map(roleKey).join(", ") || "none"})${reasons.length > 0 ? `; broad: ${reasons.join("; ")}` : ""}`,
      fix: "find out who created it (Atlas project activity feed); delete it, or declare it in a stack's config",
    });
  }
  for (const u of declared.users) {
    if (seen.has(`${u.authDatabase}|${u.username}`)) continue;
    findings.push({
      id: "user-missing",
      severity: "medium",
      subject: `user ${u.username}`,
      message: `stack ${u.stack} declares this user but Atlas has no such user`,
      fix: `run \`pulumi up\` for stack ${u.stack}; if the user was deleted by hand, find out who did it`,
    });
  }
  return findings;
}
