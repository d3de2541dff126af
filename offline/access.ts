/**
 * The access model: from one stack's registrations, every path by which someone reaches data in Atlas —
 * principal → via (assume role / Secret Manager reader / preview namespace / stream execution) → Atlas user →
 * privileges on a database → clusters or workspaces. Pure, and derived only from what the program registered (role
 * and action names included), so the plan, its Markdown report, `access.json` and the access diff all agree.
 */
import { roleNameOfArn } from "../domain/aws";
import { type Json, isRecord, records, str, strings } from "../guardrails/lib/values";
import { type Grant, type Target, assumers, grantsOf, scopesOf, sortedUnique } from "./accessGrants";
import type { Registration } from "./registrations";
import { unwrapSecrets } from "./registrations";

export type Via = "assume-role" | "secret-reader" | "preview-namespace" | "stream-execution";

/** What a path reaches: a database (`*` for every database), or a stream workspace (processors, not data). */
export interface AccessPath {
  /** Who: an IAM role ARN, a Pod Identity service with its conditions, a GCP member, a namespace, processors. */
  principal: string;
  via: Via;
  /** The hop: the connection role's ARN, the secret, the namespace, or `<workspace>/<connection>`. */
  through: string;
  /** The Atlas user the path ends in, or the custom role a stream connection executes as. */
  user: string;
  target: Target;
  /** The roles granting access to the target. */
  roles: string[];
  /** What they allow on it: built-in roles with what they imply, or custom-role actions (`FIND on events`). */
  privileges: string[];
  /** Where: `cluster <name>`, `workspace <name>`, or `every cluster` when the user has no scopes. */
  scopes: string[];
}

export interface AtlasUser {
  username: string;
  kind: "aws-iam-role" | "password" | "preview" | "other";
  /** `role@database` as granted. */
  roles: string[];
  scopes: string[];
}

export interface AccessModel {
  users: AtlasUser[];
  paths: AccessPath[];
}

const DATABASE_USER = "mongodbatlas:index/databaseUser:DatabaseUser";
const PREVIEW_USER = "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser";
const SECRET_READER_ROLES = ["roles/secretmanager.secretAccessor", "roles/secretmanager.admin"];
const READ_TYPES = new Set([
  DATABASE_USER,
  PREVIEW_USER,
  "aws:iam/role:Role",
  "mongodbatlas:index/customDbRole:CustomDbRole",
  "mongodbatlas:index/streamConnection:StreamConnection",
  "gcp:secretmanager/secret:Secret",
  "gcp:secretmanager/secretIamMember:SecretIamMember",
  "gcp:secretmanager/secretIamBinding:SecretIamBinding",
]);

/** Paths from `principals` through one hop to a user, one per target the user's grants reach. */
function pathsTo(
  principals: string[],
  via: Via,
  through: string,
  user: string,
  grants: Grant[],
  scopes: string[],
): AccessPath[] {
  const byTarget = new Map<string, { target: Target; roles: Set<string>; privileges: Set<string> }>();
  for (const g of grants) {
    const key = `${g.target.kind}:${g.target.name}`;
    const entry = byTarget.get(key) ?? { target: g.target, roles: new Set<string>(), privileges: new Set<string>() };
    entry.roles.add(g.role);
    g.privileges.forEach((p) => entry.privileges.add(p));
    byTarget.set(key, entry);
  }
  return principals.flatMap((principal) =>
    [...byTarget.values()].map((t) => ({
      principal,
      via,
      through,
      user,
      target: t.target,
      roles: sortedUnique(t.roles),
      privileges: sortedUnique(t.privileges),
      scopes,
    })),
  );
}

/** The access model of one stack's registrations. */
export function accessModel(registrations: readonly Registration[]): AccessModel {
  // Only the types the model reads, unwrapped once (a stack with many previews has thousands of others).
  const regs = registrations
    .filter((r) => READ_TYPES.has(r.type))
    .map((r) => ({ ...r, inputs: unwrapSecrets(r.inputs) as Json }));
  const ofType = (type: string) => regs.filter((r) => r.type === type);
  const customRoles = new Map(
    ofType("mongodbatlas:index/customDbRole:CustomDbRole").map((r) => [
      str(r.inputs.roleName) ?? r.name,
      records(r.inputs.actions).map((a) => a.value),
    ]),
  );
  const users: AtlasUser[] = [];
  const paths: AccessPath[] = [];
  const grantsAsGranted = (roles: unknown) =>
    records(roles).map(({ value }) => `${str(value.roleName) ?? "?"}@${str(value.databaseName) ?? "?"}`);

  for (const r of ofType(DATABASE_USER)) {
    const username = str(r.inputs.username) ?? r.name;
    const scopes = scopesOf(r.inputs.scopes);
    const grants = grantsOf(r.inputs.roles, scopes, customRoles);
    const iam = str(r.inputs.awsIamType);
    const kind = iam === "ROLE" ? "aws-iam-role" : r.inputs.password !== undefined ? "password" : "other";
    users.push({ username, kind, roles: grantsAsGranted(r.inputs.roles), scopes });
    if (kind === "aws-iam-role") {
      const roleName = roleNameOfArn(username);
      const role = ofType("aws:iam/role:Role").find((x) => (str(x.inputs.name) ?? x.name) === roleName);
      if (role)
        paths.push(
          ...pathsTo(assumers(role.inputs.assumeRolePolicy), "assume-role", username, username, grants, scopes),
        );
    } else if (kind === "password") {
      // The generated password is stored in the Secret Manager secret declared beside the user (same component).
      const sibling = (type: string) =>
        ofType(type).filter((x) => x.parent === r.parent && x.parentType === r.parentType);
      for (const secret of sibling("gcp:secretmanager/secret:Secret")) {
        const project = str(secret.inputs.project) ?? "?";
        const secretId = str(secret.inputs.secretId) ?? secret.name;
        const bindings = [
          ...ofType("gcp:secretmanager/secretIamMember:SecretIamMember").map((b) => ({
            b,
            members: strings(b.inputs.member),
          })),
          ...ofType("gcp:secretmanager/secretIamBinding:SecretIamBinding").map((b) => ({
            b,
            members: strings(b.inputs.members),
          })),
        ].filter(
          ({ b }) =>
            str(b.inputs.secretId)?.split("/").pop() === secretId &&
            (str(b.inputs.project) ?? project) === project &&
            SECRET_READER_ROLES.includes(str(b.inputs.role) ?? ""),
        );
        const readers = sortedUnique(bindings.flatMap((x) => x.members));
        paths.push(
          ...pathsTo(readers, "secret-reader", `projects/${project}/secrets/${secretId}`, username, grants, scopes),
        );
      }
    }
  }

  for (const r of ofType(PREVIEW_USER)) {
    const spec = isRecord(r.inputs.spec) ? r.inputs.spec : {};
    const metadata = isRecord(r.inputs.metadata) ? r.inputs.metadata : {};
    const namespace = str(metadata.namespace) ?? "default";
    const username = str(spec.username) ?? r.name;
    const scopes = scopesOf(spec.scopes);
    users.push({ username, kind: "preview", roles: grantsAsGranted(spec.roles), scopes });
    const grants = grantsOf(spec.roles, scopes, customRoles);
    paths.push(
      ...pathsTo([`namespace ${namespace}`], "preview-namespace", `namespace ${namespace}`, username, grants, scopes),
    );
  }

  for (const r of ofType("mongodbatlas:index/streamConnection:StreamConnection")) {
    const execute = isRecord(r.inputs.dbRoleToExecute) ? r.inputs.dbRoleToExecute : undefined;
    if (!execute) continue;
    const workspace = str(r.inputs.workspaceName) ?? str(r.inputs.instanceName) ?? "?";
    const role = str(execute.role) ?? "?";
    const scopes = str(r.inputs.clusterName) ? [`cluster ${str(r.inputs.clusterName) ?? ""}`] : ["every cluster"];
    const grants = grantsOf([{ roleName: role, databaseName: "admin" }], scopes, customRoles);
    const through = `${workspace}/${str(r.inputs.connectionName) ?? r.name}`;
    paths.push(...pathsTo([`processors of ${workspace}`], "stream-execution", through, role, grants, scopes));
  }

  const key = (p: AccessPath) => [p.target.kind, p.target.name, p.via, p.principal, p.user, p.through].join("\u0000");
  return {
    users: users.sort((a, b) => a.username.localeCompare(b.username)),
    paths: paths.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}
