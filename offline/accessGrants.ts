/**
 * What an Atlas user's grants reach, and who a trust policy lets assume a role: the pieces the access model
 * (`access.ts`) reads from registrations. Pure.
 */
import { FORBIDDEN_ROLES, isAnyDatabaseRole } from "../domain/atlas";
import { type Json, isRecord, records, str, strings } from "../guardrails/lib/values";

/** What an Atlas privilege applies to: a database (`*` for every database) or a stream workspace. */
export interface Target {
  kind: "database" | "workspace";
  name: string;
}

/**
 * What a built-in database role allows, including the roles it contains, so that `read` → `readWrite` reads as a
 * widening (https://www.mongodb.com/docs/manual/reference/built-in-roles/).
 */
const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  readWrite: ["read", "readWrite"],
  dbOwner: ["read", "readWrite", "dbAdmin", "userAdmin", "dbOwner"],
};
export const impliedPrivileges = (role: string): string[] => [...(IMPLIED[role] ?? [role])];

export const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

export function scopesOf(scopes: unknown): string[] {
  const list = records(scopes).map(({ value }) => {
    const type = str(value.type) ?? "CLUSTER";
    const kind = type === "STREAM" ? "workspace" : type === "CLUSTER" ? "cluster" : type.toLowerCase();
    return `${kind} ${str(value.name) ?? "?"}`;
  });
  return list.length === 0 ? ["every cluster"] : sortedUnique(list);
}

export interface Grant {
  target: Target;
  role: string;
  privileges: string[];
}

/** What `roles` (as Atlas takes them) reach, expanding custom roles of this stack into their actions. */
export function grantsOf(roles: unknown, scopes: string[], customRoles: ReadonlyMap<string, Json[]>): Grant[] {
  return records(roles).flatMap(({ value }): Grant[] => {
    const role = str(value.roleName) ?? "?";
    const database = str(value.databaseName) ?? "?";
    const custom = customRoles.get(role);
    if (custom) {
      return custom.flatMap((action) =>
        records(action.resources).flatMap(({ value: res }): Grant[] => {
          const name = str(action.action) ?? "?";
          const db = str(res.databaseName) ?? str(res.database);
          if (db !== undefined) {
            const coll = str(res.collectionName) ?? str(res.collection);
            return [{ target: { kind: "database", name: db }, role, privileges: [coll ? `${name} on ${coll}` : name] }];
          }
          // Stream actions reach the workspaces the user is scoped to; without a workspace scope, every workspace.
          const workspaces = scopes.filter((s) => s.startsWith("workspace ")).map((s) => s.slice(10));
          return (workspaces.length > 0 ? workspaces : ["*"]).map((w) => ({
            target: { kind: "workspace", name: w },
            role,
            privileges: [name],
          }));
        }),
      );
    }
    const everywhere = isAnyDatabaseRole(role) || Object.prototype.hasOwnProperty.call(FORBIDDEN_ROLES, role);
    return [
      { target: { kind: "database", name: everywhere ? "*" : database }, role, privileges: impliedPrivileges(role) },
    ];
  });
}

/** Who may assume a role: exact AWS principals, and services with the conditions they are held to. */
export function assumers(policyText: unknown): string[] {
  let policy: unknown;
  try {
    policy = typeof policyText === "string" ? JSON.parse(policyText) : policyText;
  } catch {
    return [];
  }
  return records(isRecord(policy) ? policy.Statement : undefined).flatMap(({ value: s }) => {
    if (s.Effect !== "Allow" || !strings(s.Action).some((a) => /^sts:AssumeRole/.test(a) || a === "sts:*")) return [];
    const principal = isRecord(s.Principal) ? s.Principal : { AWS: s.Principal };
    const conditions = Object.values(isRecord(s.Condition) ? s.Condition : {})
      .flatMap((c) => (isRecord(c) ? Object.entries(c) : []))
      .map(([k, v]) => `${k}=${strings(v).join("|")}`)
      .sort();
    const held = conditions.length > 0 ? ` (${conditions.join(", ")})` : "";
    return [...strings(principal.AWS), ...strings(principal.Service).map((svc) => `${svc}${held}`)];
  });
}
