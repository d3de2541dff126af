/**
 * The access diff between an earlier plan of a stack and this one, in plain words: principals that gained or lost a
 * path to a database or workspace, privileges widened or narrowed, new routes and scopes, Atlas users added, removed
 * or changed, and guardrail findings new or fixed. Pure: two plans' `access.json` and findings in, changes out.
 */
import type { AccessPath, AtlasUser } from "./access";
import { principalLabel, targetLabel, throughLabel } from "./accessView";
import type { AccessJson, PlanFinding } from "./planData";

export type ChangeKind =
  | "gained"
  | "lost"
  | "moved"
  | "widened"
  | "narrowed"
  | "changed"
  | "route"
  | "scope"
  | "user-added"
  | "user-removed"
  | "user-changed"
  | "finding-new"
  | "finding-fixed";

export interface Change {
  kind: ChangeKind;
  /** The change in plain words. */
  text: string;
  principal?: string;
  target?: string;
  user?: string;
  before?: string[];
  after?: string[];
}

export interface AccessDiff {
  stack: string;
  changes: Change[];
}

/** One side of the comparison: what an earlier or this plan wrote. */
export interface PlanSide {
  access: Pick<AccessJson, "paths" | "users">;
  findings: readonly Pick<PlanFinding, "ruleId" | "severity" | "mandatory" | "resource" | "message">[];
}

const ORDER: readonly ChangeKind[] = [
  "gained",
  "moved",
  "widened",
  "changed",
  "route",
  "scope",
  "narrowed",
  "lost",
  "user-added",
  "user-changed",
  "user-removed",
  "finding-new",
  "finding-fixed",
];

const list = (items: Iterable<string>) => [...new Set(items)].sort().join(", ");
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
const code = (s: string) => `\`${s}\``;

/** The paths of each principal to each target, with everything the paths carry merged. */
interface Reach {
  principal: string;
  label: string;
  target: string;
  roles: string[];
  privileges: string[];
  scopes: string[];
  routes: string[];
}

function reaches(paths: readonly AccessPath[]): Map<string, Reach> {
  const out = new Map<string, Reach>();
  for (const p of paths) {
    const target = targetLabel(p.target);
    const key = `${p.principal}\u0000${target}`;
    const r = out.get(key) ?? {
      principal: p.principal,
      label: principalLabel(p),
      target,
      roles: [],
      privileges: [],
      scopes: [],
      routes: [],
    };
    r.roles = [...new Set([...r.roles, ...p.roles])].sort();
    r.privileges = [...new Set([...r.privileges, ...p.privileges])].sort();
    r.scopes = [...new Set([...r.scopes, ...p.scopes])].sort();
    r.routes = [...new Set([...r.routes, throughLabel(p)])].sort();
    out.set(key, r);
  }
  return out;
}

const describeReach = (r: Reach) => `${list(r.roles)} on ${list(r.scopes)}, through ${list(r.routes)}`;

function pathChanges(before: Map<string, Reach>, after: Map<string, Reach>): Change[] {
  const changes: Change[] = [];
  const gained = [...after.entries()].filter(([k]) => !before.has(k)).map(([, r]) => r);
  const lost = [...before.entries()].filter(([k]) => !after.has(k)).map(([, r]) => r);
  for (const g of [...gained]) {
    // A principal that lost one target and gained another by the same route now reaches a different database.
    const was = lost.find((l) => l.principal === g.principal && list(l.routes) === list(g.routes));
    if (!was) continue;
    gained.splice(gained.indexOf(g), 1);
    lost.splice(lost.indexOf(was), 1);
    changes.push({
      kind: "moved",
      principal: g.principal,
      target: g.target,
      before: [was.target],
      after: [g.target],
      text: `${code(g.label)} now reaches ${g.target} instead of ${was.target} (${describeReach(g)}).`,
    });
  }
  for (const g of gained) {
    const text = `${code(g.label)} can now reach ${g.target}: ${describeReach(g)}.`;
    changes.push({ kind: "gained", principal: g.principal, target: g.target, after: g.privileges, text });
  }
  for (const l of lost) {
    const text = `${code(l.label)} can no longer reach ${l.target} (it had ${describeReach(l)}).`;
    changes.push({ kind: "lost", principal: l.principal, target: l.target, before: l.privileges, text });
  }
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b) continue;
    const who = `${code(a.label)} on ${a.target}`;
    const added = minus(a.privileges, b.privileges);
    const removed = minus(b.privileges, a.privileges);
    const roles = list(a.roles) === list(b.roles) ? "" : ` (roles ${list(b.roles)} → ${list(a.roles)})`;
    const base = { principal: a.principal, target: a.target, before: b.privileges, after: a.privileges };
    if (added.length > 0 && removed.length === 0) {
      changes.push({ ...base, kind: "widened", text: `${who}: widened, now also ${list(added)}${roles}.` });
    } else if (removed.length > 0 && added.length === 0) {
      changes.push({ ...base, kind: "narrowed", text: `${who}: narrowed, no longer ${list(removed)}${roles}.` });
    } else if (added.length > 0) {
      const text = `${who}: changed, now also ${list(added)}; no longer ${list(removed)}${roles}.`;
      changes.push({ ...base, kind: "changed", text });
    }
    if (list(a.routes) !== list(b.routes)) {
      const text = `${who}: now through ${list(a.routes)} (was through ${list(b.routes)}).`;
      changes.push({
        kind: "route",
        principal: a.principal,
        target: a.target,
        before: b.routes,
        after: a.routes,
        text,
      });
    }
    if (list(a.scopes) !== list(b.scopes)) {
      const text = `${who}: scopes now ${list(a.scopes)} (were ${list(b.scopes)}).`;
      changes.push({
        kind: "scope",
        principal: a.principal,
        target: a.target,
        before: b.scopes,
        after: a.scopes,
        text,
      });
    }
  }
  return changes;
}

const grantText = (u: AtlasUser) => `${list(u.roles)} on ${list(u.scopes)}`;

function userChanges(before: readonly AtlasUser[], after: readonly AtlasUser[]): Change[] {
  const old = new Map(before.map((u) => [u.username, u]));
  const now = new Map(after.map((u) => [u.username, u]));
  const changes: Change[] = [];
  for (const u of after) {
    const b = old.get(u.username);
    if (!b) {
      const text = `New Atlas user ${code(u.username)} (${u.kind}): ${grantText(u)}.`;
      changes.push({ kind: "user-added", user: u.username, after: u.roles, text });
    } else if (grantText(b) !== grantText(u)) {
      const text = `Atlas user ${code(u.username)}: ${grantText(b)} → ${grantText(u)}.`;
      changes.push({ kind: "user-changed", user: u.username, before: b.roles, after: u.roles, text });
    }
  }
  for (const u of before.filter((x) => !now.has(x.username))) {
    const text = `Atlas user ${code(u.username)} removed (it had ${grantText(u)}).`;
    changes.push({ kind: "user-removed", user: u.username, before: u.roles, text });
  }
  return changes;
}

function findingChanges(before: PlanSide["findings"], after: PlanSide["findings"]): Change[] {
  const key = (f: PlanSide["findings"][number]) => `${f.ruleId}\u0000${f.resource}\u0000${f.message}`;
  const old = new Set(before.map(key));
  const now = new Set(after.map(key));
  const words = (f: PlanSide["findings"][number]) =>
    `${f.ruleId} (${f.severity}${f.mandatory ? ", blocks deployment" : ""}) on ${code(f.resource)}: ${f.message}.`;
  return [
    ...after
      .filter((f) => !old.has(key(f)))
      .map((f) => ({ kind: "finding-new" as const, text: `New finding ${words(f)}` })),
    ...before
      .filter((f) => !now.has(key(f)))
      .map((f) => ({ kind: "finding-fixed" as const, text: `Fixed: ${words(f)}` })),
  ];
}

export function accessDiff(stack: string, before: PlanSide, after: PlanSide): AccessDiff {
  const changes = [
    ...pathChanges(reaches(before.access.paths), reaches(after.access.paths)),
    ...userChanges(before.access.users, after.access.users),
    ...findingChanges(before.findings, after.findings),
  ];
  const rank = (c: Change) => ORDER.indexOf(c.kind);
  return { stack, changes: changes.sort((a, b) => rank(a) - rank(b) || a.text.localeCompare(b.text)) };
}
