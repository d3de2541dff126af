import * as pulumi from "@pulumi/pulumi";
import type { AccessSummary } from "../../../domain/summary";
import { ALLOWED_DATABASE_ROLES, OPT_IN_DATABASE_ROLES } from "../../../domain/atlas";
import { PasswordUser } from "./PasswordUser";
import { ArgsCheck } from "../../component";

export const APPLICATION_USERS_TYPE = "atlas-access:atlas:ApplicationUsers";

/** One application user as declared in `atlas-access:appUsers`. */
export interface ApplicationUserSpec {
  username: string;
  /** @default "" */
  description?: string;
  /** Built-in roles on the environment's database. */
  roles: { role: string; database: string }[];
  /** Roles beyond read/readWrite this user explicitly opted in to, with the documented reason. @default [] */
  roleOptIns?: { role: string; reason: string }[];
  /** Clusters the user may reach. */
  scopes: string[];
  secretId: string;
  secretAccessor: string;
  /** Rotate the password on this schedule. @default no rotation */
  passwordRotation?: { rotatedOn: string; rotateEveryDays: number };
}

export interface ApplicationUsersArgs {
  /** Atlas project id. */
  projectId: pulumi.Input<string>;
  /** The one database this environment owns: every role must be on it. */
  database: string;
  /** GCP project holding the users' secrets. */
  gcpProject: string;
  users: ApplicationUserSpec[];
  /** Protect users, passwords and secrets from deletion (production and staging). @default true */
  protect?: boolean;
}

function validate(name: string, args: ApplicationUsersArgs): void {
  const check = new ArgsCheck();
  const fail = check.bad.bind(check);
  const seen = new Set<string>();
  args.users.forEach((u, i) => {
    if (seen.has(u.username)) fail(`users[${i}].username`, u.username, "declare each username once");
    seen.add(u.username);
    const optIns = new Set((u.roleOptIns ?? []).map((o) => o.role));
    u.roles.forEach((r, j) => {
      const allowed =
        (ALLOWED_DATABASE_ROLES as readonly string[]).includes(r.role) ||
        ((OPT_IN_DATABASE_ROLES as readonly string[]).includes(r.role) && optIns.has(r.role));
      if (!allowed)
        fail(
          `users[${i}].roles[${j}].role`,
          r.role,
          `use ${ALLOWED_DATABASE_ROLES.join(" or ")}, or opt in to one of ${OPT_IN_DATABASE_ROLES.join(", ")} with a reason`,
        );
      if (r.database !== args.database)
        fail(
          `users[${i}].roles[${j}].database`,
          r.database,
          `this environment's users may only reach ${args.database}`,
        );
    });
    if (u.scopes.length === 0)
      fail(`users[${i}].scopes`, u.scopes, "name at least one cluster: without scopes the user reaches every cluster");
  });
  check.throwIfAny("ApplicationUsers", name);
}

/**
 * The application (password) users of one environment: each reaches only the environment's database, on named
 * clusters, with its password in its own Secret Manager secret. `summary` is the access matrix.
 */
export class ApplicationUsers extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;
  public readonly users: PasswordUser[];

  constructor(name: string, args: ApplicationUsersArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(name, args);
    super(APPLICATION_USERS_TYPE, name, {}, opts);
    this.users = args.users.map(
      (u) =>
        new PasswordUser(
          u.username,
          {
            projectId: args.projectId,
            username: u.username,
            description: u.description,
            roles: u.roles.map((r) => ({ roleName: r.role, databaseName: r.database })),
            scopes: u.scopes.map((c) => ({ name: c, type: "CLUSTER" as const })),
            gcpProject: args.gcpProject,
            secretId: u.secretId,
            secretAccessor: u.secretAccessor,
            protect: args.protect ?? true,
            passwordRotation: u.passwordRotation,
          },
          { parent: this },
        ),
    );
    const optInLines = args.users.flatMap((u) =>
      (u.roleOptIns ?? []).map((o) => `${u.username}: opted in to ${o.role}: ${o.reason}`),
    );
    this.summary = {
      component: APPLICATION_USERS_TYPE,
      name,
      lines: [...this.users.map((u) => u.matrixLine), ...optInLines],
    };
    this.registerOutputs({ usernames: this.users.map((u) => u.username) });
  }
}
