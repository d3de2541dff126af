/**
 * How the access model reads at a glance: short names for principals and targets, and the access matrix (who × what)
 * that the terminal summary, the Markdown report and the Mermaid graph all show. Pure.
 */
import { accountOfArn, parseRoleArn } from "../domain/aws";
import type { AccessModel, AccessPath, Via } from "./access";
import type { Target } from "./accessGrants";

/** How each via reads in a table column and on a graph edge. */
export const VIA_LABEL: Readonly<Record<Via, string>> = {
  "assume-role": "assume role",
  "secret-reader": "secret",
  "preview-namespace": "preview",
  "stream-execution": "stream",
};

/** `arn:aws:iam::111122223333:role/service-role/api` → `role/service-role/api` (the account when not `home`). */
function roleLabel(arn: string, home: string | undefined): string {
  const role = parseRoleArn(arn);
  if (!role) return arn;
  const path = `role${role.path}${role.name}`;
  return role.accountId === home ? path : `${role.accountId}:${path}`;
}

/** A principal as a table or graph shows it; the full identity stays in access.json. */
export function principalLabel(path: Pick<AccessPath, "principal" | "through">): string {
  const p = path.principal;
  if (p.startsWith("arn:")) return roleLabel(p, accountOfArn(path.through));
  const pool =
    /^principal(?:Set)?:\/\/iam\.googleapis\.com\/projects\/\d+\/locations\/global\/workloadIdentityPools\/([^/]+)\/(?:subject\/)?(.+)$/.exec(
      p,
    );
  // A GKE workload-identity pool is `<project>.svc.id.goog`: the project is enough to tell it.
  if (pool) return `${(pool[1] ?? "").replace(/\.svc\.id\.goog$/, "")} ${pool[2] ?? ""}`;
  const sa = /^serviceAccount:([^@]+)@([^.]+)\.iam\.gserviceaccount\.com$/.exec(p);
  if (sa) return `sa ${sa[1] ?? ""}@${sa[2] ?? ""}`;
  const pods = /^pods\.eks\.amazonaws\.com(?: \((.*)\))?$/.exec(p);
  if (pods) {
    const conditions = (pods[1] ?? "").split(", ").map((c) => c.split("=")[1] ?? "");
    const clusters = conditions.filter((v) => v.includes(":cluster/")).map((v) => v.replace(/^.*:cluster\//, ""));
    const rest = conditions.filter((v) => v !== "" && !v.includes(":") && !/^\d{12}$/.test(v));
    return ["EKS pods of", clusters.join("|") || "any cluster", ...rest].join(" ");
  }
  return p;
}

/** The hop of a path in words: `role syrf-api-atlas`, `secret atlas-app`, `namespace pr-1`, `connection ws/c`. */
export function throughLabel(path: Pick<AccessPath, "via" | "through">): string {
  switch (path.via) {
    case "assume-role":
      return `role ${parseRoleArn(path.through)?.name ?? path.through}`;
    case "secret-reader":
      return `secret ${path.through.split("/").pop() ?? path.through}`;
    case "stream-execution":
      return `connection ${path.through}`;
    default:
      return path.through;
  }
}

export const userLabel = (user: string): string => {
  const role = parseRoleArn(user);
  return role ? `IAM role ${role.name}` : user;
};

export const targetLabel = (t: Target): string =>
  t.name === "*" ? `every ${t.kind}` : t.kind === "workspace" ? `ws ${t.name}` : t.name;

/** The access matrix: one row per principal and via, one column per target, the roles in each cell. */
export interface Matrix {
  columns: string[];
  rows: { principal: string; via: string; cells: string[] }[];
}

/** Above this many preview namespaces, previews share one row and one column (`pr-N` → `<prefix>N`). */
export const PREVIEW_ROWS = 2;

/** Previews as one collapsed path each, when there are many of them. */
export function collapsePreviews(paths: readonly AccessPath[]): AccessPath[] {
  const previews = paths.filter((p) => p.via === "preview-namespace");
  if (previews.length <= PREVIEW_ROWS) return [...paths];
  const pattern = (text: string) => text.replace(/\d+/, "N");
  const collapsed = new Map<string, AccessPath>();
  for (const p of previews) {
    const c: AccessPath = {
      ...p,
      principal: `namespace pr-N (${previews.length} previews)`,
      through: "namespace pr-N",
      user: pattern(p.user),
      target: { ...p.target, name: pattern(p.target.name) },
    };
    collapsed.set(JSON.stringify([c.user, c.target, c.roles, c.scopes]), c);
  }
  return [...paths.filter((p) => p.via !== "preview-namespace"), ...collapsed.values()];
}

/** Targets in reading order: the environment's own database first, other databases, then workspaces. */
function targetOrder(targets: Target[], ownDatabase: string | undefined): Target[] {
  const rank = (t: Target) => (t.kind === "workspace" ? 3 : t.name === ownDatabase ? 0 : t.name === "*" ? 2 : 1);
  return targets.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export function accessMatrix(model: AccessModel, ownDatabase?: string): Matrix {
  const paths = collapsePreviews(model.paths);
  const seen = new Map<string, Target>();
  for (const p of paths) seen.set(targetLabel(p.target), p.target);
  const targets = targetOrder([...seen.values()], ownDatabase);
  const columns = targets.map(targetLabel);
  const rows = new Map<string, { principal: string; via: string; cells: Set<string>[] }>();
  for (const p of paths) {
    const principal = principalLabel(p);
    const key = `${principal}\u0000${p.via}`;
    const row = rows.get(key) ?? { principal, via: VIA_LABEL[p.via], cells: columns.map(() => new Set<string>()) };
    p.roles.forEach((r) => row.cells[columns.indexOf(targetLabel(p.target))]?.add(r));
    rows.set(key, row);
  }
  return {
    columns,
    rows: [...rows.values()]
      .map((r) => ({ principal: r.principal, via: r.via, cells: r.cells.map((c) => [...c].sort().join(", ")) }))
      .sort((a, b) => a.via.localeCompare(b.via) || a.principal.localeCompare(b.principal)),
  };
}
