/**
 * What the repository declares for the shared Atlas project, derived from the offline plan of every stack (the
 * registrations the real program makes) and each stack's config: database users, custom roles, service accounts and
 * their roles, rotation schedules, and the preview naming. Pure.
 */
import type { Registration } from "../../offline/registrations";

export const TYPES = {
  user: "mongodbatlas:index/databaseUser:DatabaseUser",
  customRole: "mongodbatlas:index/customDbRole:CustomDbRole",
  serviceAccount: "mongodbatlas:index/serviceAccount:ServiceAccount",
  projectAssignment: "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
  accessListEntry: "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
} as const;

export interface Role {
  roleName: string;
  databaseName: string;
  collectionName?: string;
}
export interface Scope {
  name: string;
  type: string;
}

export interface DeclaredUser {
  username: string;
  /** `admin` (password) or `$external` (AWS IAM). */
  authDatabase: string;
  roles: Role[];
  scopes: Scope[];
  stack: string;
}

export interface DeclaredCustomRole {
  roleName: string;
  /** Action names as the Admin API spells them (`LIST_STREAM_PROCESSORS`). */
  actions: string[];
  stack: string;
}

export interface DeclaredServiceAccount {
  /** The name shown in Atlas (with its generation's date). */
  name: string;
  orgRoles: string[];
  projectRoles: string[];
  rotateEveryDays: number | undefined;
  stack: string;
}

export interface DeclaredPasswordRotation {
  username: string;
  rotatedOn: string;
  rotateEveryDays: number;
  stack: string;
}

export interface DeclaredPreviews {
  usernamePrefix: string;
  databasePrefix: string;
  clusters: string[];
  /** Pull requests the stack config lists as open (used when no other source of open pull requests is given). */
  pullRequests: number[];
}

export interface Declared {
  users: DeclaredUser[];
  customRoles: DeclaredCustomRole[];
  serviceAccounts: DeclaredServiceAccount[];
  passwordRotations: DeclaredPasswordRotation[];
  /** CIDR blocks or addresses of declared project access-list entries. */
  accessList: string[];
  previews: DeclaredPreviews | undefined;
}

/** One stack's offline plan and its config values (decoded, keyed without the `atlas-access:` prefix). */
export interface StackDeclaration {
  stack: string;
  registrations: readonly Registration[];
  config: Record<string, unknown>;
}

/** `listStreamProcessors` → `LIST_STREAM_PROCESSORS`; `FIND` stays `FIND`: the Admin API's spelling of an action. */
export const apiActionName = (action: string): string => action.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const prefixOf = (name: string, suffix: string) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined);

interface Rotation {
  rotatedOn: string;
  rotateEveryDays?: number;
}

export function declaredOf(stacks: readonly StackDeclaration[]): Declared {
  const out: Declared = {
    users: [],
    customRoles: [],
    serviceAccounts: [],
    passwordRotations: [],
    accessList: [],
    previews: undefined,
  };
  for (const { stack, registrations, config } of stacks) {
    const of = (type: string) => registrations.filter((r) => r.type === type);
    for (const u of of(TYPES.user)) {
      out.users.push({
        username: str(u.inputs.username),
        authDatabase: str(u.inputs.authDatabaseName) || "admin",
        roles: arr<Role>(u.inputs.roles).map((r) => ({ ...r })),
        scopes: arr<Scope>(u.inputs.scopes).map((s) => ({ ...s })),
        stack,
      });
    }
    for (const r of of(TYPES.customRole)) {
      out.customRoles.push({
        roleName: str(r.inputs.roleName),
        actions: arr<{ action: string }>(r.inputs.actions).map((a) => apiActionName(a.action)),
        stack,
      });
    }
    for (const e of of(TYPES.accessListEntry)) out.accessList.push(str(e.inputs.cidrBlock) || str(e.inputs.ipAddress));

    const operator = config.operator as { credential?: { rotation?: Rotation } } | undefined;
    const assignments = of(TYPES.projectAssignment);
    for (const sa of of(TYPES.serviceAccount)) {
      // An account and its project role are siblings named `<generation>-account` and `<generation>-project`.
      const generation = prefixOf(sa.name, "-account");
      const assignment = assignments.find((a) => a.parent === sa.parent && prefixOf(a.name, "-project") === generation);
      out.serviceAccounts.push({
        name: str(sa.inputs.name),
        orgRoles: arr<string>(sa.inputs.roles),
        projectRoles: arr<string>(assignment?.inputs.roles),
        rotateEveryDays:
          operator?.credential?.rotation?.rotateEveryDays ?? (operator?.credential?.rotation ? 60 : undefined),
        stack,
      });
    }
    for (const u of arr<{ username: string; passwordRotation?: Rotation }>(config.appUsers)) {
      if (!u.passwordRotation) continue;
      out.passwordRotations.push({
        username: u.username,
        rotatedOn: u.passwordRotation.rotatedOn,
        rotateEveryDays: u.passwordRotation.rotateEveryDays ?? 90,
        stack,
      });
    }
    const p = config.previews as Partial<DeclaredPreviews> | undefined;
    if (p?.usernamePrefix && p.databasePrefix) {
      out.previews = {
        usernamePrefix: p.usernamePrefix,
        databasePrefix: p.databasePrefix,
        clusters: arr<string>(p.clusters),
        pullRequests: arr<number>(p.pullRequests),
      };
    }
  }
  return out;
}
