import { z } from "zod";
import type { AddIssue, StackConfig } from "../../program/config";
import { atlasSchema } from "../../config/atlas";
import { clusterName, databaseName, email, strictObject, uniqueList } from "../../config/schema";
import {
  ALLOWED_APP_ROLES,
  CUSTOM_ROLE_NAME,
  DEFAULT_PREVIEW_PREFIX,
  EXECUTION_ROLE_ACTIONS,
  GCP_PROJECT_ID,
  OPT_IN_APP_ROLES,
  SECRET_ACCESSOR_HINT,
  SECRET_ID,
  STREAM_PROCESSOR_ACTIONS,
  USERNAME,
  forbiddenRoleReason,
  foreignDatabaseReason,
  isReservedDatabase,
  isSecretAccessor,
} from "./policy";

const list = (items: readonly string[]) => items.join(", ");

/** `atlas-access:gcp`: where credentials live. */
export const gcpSchema = strictObject({
  /** GCP project holding the Secret Manager secrets of this stack's Atlas users. */
  projectId: z.string().regex(GCP_PROJECT_ID, {
    error: "must be a GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter, e.g. syrf-prod",
  }),
});

const username = z.string().regex(USERNAME, {
  error: "must be a username: lowercase letters, digits, '_' and '-', starting with a letter, at most 64 characters",
});
const secretId = z.string().regex(SECRET_ID, { error: "must be a Secret Manager secret id: 1-255 of A-Z a-z 0-9 _ -" });
const secretAccessor = z.string().refine(isSecretAccessor, { error: SECRET_ACCESSOR_HINT });

export const appUserSchema = strictObject({
  /** Atlas username (SCRAM password user on `admin`). */
  username,
  /** Why this user exists (shown in Atlas and in the plan). @default "" */
  description: z.string().default(""),
  /** Built-in roles on named databases: `read`/`readWrite`; anything else needs an entry in `roleOptIns`. */
  roles: z
    .array(strictObject({ role: z.string().min(1, { error: "must name a role" }), database: databaseName }))
    .min(1, { error: "must grant at least one role on the environment's database" }),
  /** Explicit, documented opt-ins for a database-level role beyond read/readWrite. @default [] */
  roleOptIns: z
    .array(
      strictObject({
        role: z.enum(OPT_IN_APP_ROLES, {
          error: `must be one of: ${list(OPT_IN_APP_ROLES)} (no broader role can be opted in)`,
        }),
        reason: z.string().min(20, { error: "must explain in at least 20 characters why this user needs the role" }),
      }),
    )
    .default([]),
  /** Clusters the user may reach (required: no scopes means every cluster of the project). */
  scopes: z
    .array(clusterName)
    .min(1, { error: "must name at least one cluster: a user without scopes reaches every cluster of the project" }),
  /** Secret Manager secret id holding the generated password. */
  secretId,
  /** The one workload identity granted `roles/secretmanager.secretAccessor` on that secret. */
  secretAccessor,
});
export type AppUserConfig = z.infer<typeof appUserSchema>;

const workspaceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
  error: "must be a workspace name: letters, digits, '_' and '-', 1-64 characters",
});
const roleName = z
  .string()
  .regex(CUSTOM_ROLE_NAME, { error: "must be a custom role name: letters, digits, '_' and '-', 1-64 characters" });

export const streamsSchema = strictObject({
  /** Stream processing workspaces (`StreamWorkspace`, not the deprecated `StreamInstance`). */
  workspaces: uniqueList(
    strictObject({
      name: workspaceName,
      cloudProvider: z.enum(["AWS", "GCP", "AZURE"], { error: "must be one of: AWS, GCP, AZURE" }),
      /** Atlas stream-processing region name, e.g. `DUBLIN_IRL`. */
      region: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]+$/, { error: "must be an Atlas stream-processing region name such as DUBLIN_IRL" }),
      /** Workspace tier, e.g. `SP10`. @default Atlas's default */
      tier: z
        .string()
        .regex(/^SP\d+$/, { error: "must be a stream-processing tier such as SP10" })
        .optional(),
    }),
    (w) => w.name,
  ).min(1, { error: "must declare at least one workspace" }),
  /** Custom roles, one per persona, carrying exactly the stream processor actions the persona needs. @default [] */
  personaRoles: uniqueList(
    strictObject({
      name: roleName,
      /** Who holds it, e.g. `operator` or `viewer`. */
      persona: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: "must be a persona name: lowercase letters, digits and '-'" }),
      actions: uniqueList(
        z.string().refine((a) => (STREAM_PROCESSOR_ACTIONS as readonly string[]).includes(a), {
          error: `is not a documented stream processor action; accepted: ${list(STREAM_PROCESSOR_ACTIONS)}`,
        }),
      ).min(1, { error: "must carry at least one stream processor action" }),
    }),
    (r) => r.name,
  ).default([]),
  /** Custom roles used as a connection's "Execute As" profile: data actions on one database. @default [] */
  executionRoles: uniqueList(
    strictObject({
      name: roleName,
      database: databaseName,
      /** Collections the actions apply to. @default [] (the whole database) */
      collections: uniqueList(
        z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, { error: "must be a collection name" }),
      ).default([]),
      actions: uniqueList(
        z.enum(EXECUTION_ROLE_ACTIONS, { error: `must be one of: ${list(EXECUTION_ROLE_ACTIONS)}` }),
      ).min(1, {
        error: "must carry at least one action",
      }),
    }),
    (r) => r.name,
  ).default([]),
  /** Stream users: password users holding one persona role, scoped (STREAM) to named workspaces. @default [] */
  users: z
    .array(
      strictObject({
        username,
        description: z.string().default(""),
        /** A `personaRoles[].name`; granted on `admin` as Atlas requires for custom roles. */
        role: z.string(),
        /** Workspaces the user may reach (required: no scopes means every workspace and cluster). */
        workspaces: z.array(workspaceName).min(1, {
          error:
            "must name at least one workspace: a user without scopes reaches every workspace and cluster of the project",
        }),
        secretId,
        secretAccessor,
      }),
    )
    .default([]),
  /** Connection-registry entries of type `Cluster`, each executing as a least-privilege custom role. @default [] */
  connections: uniqueList(
    strictObject({
      workspace: workspaceName,
      name: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a connection name: letters, digits, '_' and '-'" }),
      cluster: clusterName,
      executeAs: strictObject({
        role: z.string(),
        type: z.enum(["BUILT_IN", "CUSTOM"], { error: "must be one of: BUILT_IN, CUSTOM" }),
      }),
    }),
    (c) => `${c.workspace}/${c.name}`,
  ).default([]),
});
export type StreamsConfig = z.infer<typeof streamsSchema>;

export const databaseAuditingSchema = strictObject({
  /** What the audit filter captures. Each toggle @default true. */
  capture: strictObject({
    authenticationSuccess: z.boolean().default(true),
    authenticationFailure: z.boolean().default(true),
    userAndRoleManagement: z.boolean().default(true),
  }).prefault({}),
  /** Also audit every successful authorization check (very noisy). @default false */
  auditAuthorizationSuccess: z.boolean().default(false),
  /** Who is told when a database user or role is added, changed or removed. */
  alerts: strictObject({
    emails: uniqueList(email).default([]),
    webhooks: z
      .array(
        strictObject({
          url: z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { error: "must be an https:// URL" }),
          /** Shared secret Atlas sends with each call; set it with `pulumi config set --secret`. */
          secret: z.string().min(1, { error: "must not be empty" }).optional(),
        }),
      )
      .default([]),
  }),
});
export type DatabaseAuditingConfig = z.infer<typeof databaseAuditingSchema>;

/** Atlas application users, stream processing and database auditing. (Users issue.) */
export const atlasAccessSections = {
  gcp: gcpSchema.optional(),
  appUsers: z.array(appUserSchema).optional(),
  streams: streamsSchema.optional(),
  databaseAuditing: databaseAuditingSchema.optional(),
};

/**
 * Rules that compare against `atlas-access:atlas` (its databases and clusters) are skipped while that section is itself
 * invalid: its own problem is reported, and comparing against a broken value would only add noise.
 */
function atlasValid(cfg: StackConfig): boolean {
  return atlasSchema.safeParse(cfg.atlas).success;
}

/** `["streams","users",1]` → `streams.users[1]` (a config path as the error lines print it, without the prefix). */
function show(path: readonly PropertyKey[]): string {
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : (i === 0 ? "" : ".") + String(seg))).join("");
}

function checkOwnDatabase(cfg: StackConfig, database: string, path: PropertyKey[], add: AddIssue): void {
  if (!atlasValid(cfg)) return;
  const previewPrefix = cfg.previews?.databasePrefix ?? DEFAULT_PREVIEW_PREFIX;
  if (isReservedDatabase(database)) {
    add(
      path,
      database,
      `no role of this program is granted on admin, local or config; use ${cfg.atlas.environmentDatabases[cfg.environment]}`,
    );
    return;
  }
  const reason = foreignDatabaseReason(database, cfg.environment, cfg.atlas.environmentDatabases, previewPrefix);
  if (reason) add(path, database, reason);
}

function checkAppUser(cfg: StackConfig, user: AppUserConfig, i: number, add: AddIssue): void {
  const at = (...rest: PropertyKey[]) => ["appUsers", i, ...rest];
  const optedIn = new Set<string>(user.roleOptIns.map((o) => o.role));
  user.roles.forEach((grant, j) => {
    const forbidden = forbiddenRoleReason(grant.role);
    if (forbidden) {
      add(at("roles", j, "role"), grant.role, `is never granted by this program: ${forbidden}; use read or readWrite`);
    } else if (!(ALLOWED_APP_ROLES as readonly string[]).includes(grant.role) && !optedIn.has(grant.role)) {
      add(
        at("roles", j, "role"),
        grant.role,
        (OPT_IN_APP_ROLES as readonly string[]).includes(grant.role)
          ? `is not on the allowlist (${list(ALLOWED_APP_ROLES)}); to grant it anyway add { role: ${JSON.stringify(grant.role)}, reason: "<why>" } to this user's roleOptIns`
          : `is not on the allowlist (${list(ALLOWED_APP_ROLES)}) nor a role that may be opted in (${list(OPT_IN_APP_ROLES)})`,
      );
    }
    checkOwnDatabase(cfg, grant.database, at("roles", j, "database"), add);
  });
  user.roleOptIns.forEach((optIn, k) => {
    if (!user.roles.some((g) => g.role === optIn.role)) {
      add(at("roleOptIns", k, "role"), optIn.role, "opts in to a role this user is not granted; remove the opt-in");
    }
  });
}

function checkScopes(cfg: StackConfig, scopes: readonly string[], path: PropertyKey[], add: AddIssue): void {
  if (!atlasValid(cfg)) return;
  scopes.forEach((s, k) => {
    if (!cfg.atlas.clusters.includes(s))
      add([...path, k], s, `is not a cluster of atlas.clusters (${list(cfg.atlas.clusters)})`);
  });
}

function checkStreams(cfg: StackConfig, streams: StreamsConfig, add: AddIssue): void {
  const at = (...rest: PropertyKey[]) => ["streams", ...rest];
  const workspaces = streams.workspaces.map((w) => w.name);
  const personaRoles = streams.personaRoles.map((r) => r.name);
  const executionRoles = streams.executionRoles.map((r) => r.name);
  const seenRoles = new Map<string, string>();
  const checkRoleName = (name: string, path: PropertyKey[]) => {
    if (
      forbiddenRoleReason(name) ||
      /^(read|readWrite|dbAdmin|dbOwner|userAdmin)$/.test(name) ||
      /^xgen-/i.test(name)
    ) {
      add(path, name, "must not reuse a built-in role name or the reserved xgen- prefix");
    }
    const first = seenRoles.get(name);
    if (first) add(path, name, `is already the name of ${first}; each custom role name must be unique`);
    else seenRoles.set(name, show(path.slice(0, 3)));
  };
  streams.personaRoles.forEach((r, i) => checkRoleName(r.name, at("personaRoles", i, "name")));
  streams.executionRoles.forEach((r, i) => {
    checkRoleName(r.name, at("executionRoles", i, "name"));
    checkOwnDatabase(cfg, r.database, at("executionRoles", i, "database"), add);
  });
  streams.users.forEach((u, i) => {
    if (!personaRoles.includes(u.role)) {
      add(
        at("users", i, "role"),
        u.role,
        `is not a role of streams.personaRoles (${list(personaRoles) || "none declared"})`,
      );
    }
    u.workspaces.forEach((w, k) => {
      if (!workspaces.includes(w))
        add(at("users", i, "workspaces", k), w, `is not a workspace of streams.workspaces (${list(workspaces)})`);
    });
  });
  streams.connections.forEach((c, i) => {
    if (!workspaces.includes(c.workspace))
      add(
        at("connections", i, "workspace"),
        c.workspace,
        `is not a workspace of streams.workspaces (${list(workspaces)})`,
      );
    if (atlasValid(cfg) && !cfg.atlas.clusters.includes(c.cluster))
      add(
        at("connections", i, "cluster"),
        c.cluster,
        `is not a cluster of atlas.clusters (${list(cfg.atlas.clusters)})`,
      );
    const broad = forbiddenRoleReason(c.executeAs.role);
    if (broad) {
      add(
        at("connections", i, "executeAs", "role"),
        c.executeAs.role,
        `is too broad to execute as (${broad}); use type CUSTOM with a role of streams.executionRoles`,
      );
    } else if (c.executeAs.type === "BUILT_IN") {
      add(
        at("connections", i, "executeAs", "type"),
        c.executeAs.type,
        "every built-in execute-as role (atlasAdmin, readWriteAnyDatabase, readAnyDatabase) reaches every database; use type CUSTOM with a role of streams.executionRoles",
      );
    } else if (!executionRoles.includes(c.executeAs.role)) {
      add(
        at("connections", i, "executeAs", "role"),
        c.executeAs.role,
        `is not a role of streams.executionRoles (${list(executionRoles) || "none declared"})`,
      );
    }
  });
}

/** Cross-field rules of the Atlas access sections (called by the root schema's superRefine). */
export function checkAtlasAccess(cfg: StackConfig, add: AddIssue): void {
  const appUsers = cfg.appUsers ?? [];
  const streamUsers = cfg.streams?.users ?? [];
  const usernamePrefix = cfg.previews?.usernamePrefix ?? DEFAULT_PREVIEW_PREFIX;

  if ((appUsers.length > 0 || streamUsers.length > 0) && cfg.gcp === undefined) {
    add(
      ["gcp"],
      undefined,
      "required when appUsers or streams.users are declared: their passwords are stored in this GCP project's Secret Manager",
    );
  }

  // Every password user of the stack, wherever it is declared: names and secrets must be unique across all of them.
  const everyUser = [
    ...appUsers.map((u, i) => ({ u, path: ["appUsers", i] as PropertyKey[] })),
    ...streamUsers.map((u, i) => ({ u, path: ["streams", "users", i] as PropertyKey[] })),
  ];
  const firstUser = new Map<string, string>();
  const firstSecret = new Map<string, string>();
  for (const { u, path } of everyUser) {
    const seenAt = firstUser.get(u.username);
    if (seenAt)
      add([...path, "username"], u.username, `duplicate of ${seenAt}; each Atlas username must be declared once`);
    else firstUser.set(u.username, show(path));
    const secretAt = firstSecret.get(u.secretId);
    if (secretAt)
      add([...path, "secretId"], u.secretId, `is already the secret of ${secretAt}; each user needs its own secret`);
    else firstSecret.set(u.secretId, show(path));
    if (u.username.startsWith(usernamePrefix)) {
      add(
        [...path, "username"],
        u.username,
        `starts with the preview username prefix ${usernamePrefix} (the operator-managed zone); choose a name outside it`,
      );
    }
  }
  appUsers.forEach((user, i) => {
    checkAppUser(cfg, user, i, add);
    checkScopes(cfg, user.scopes, ["appUsers", i, "scopes"], add);
  });
  if (cfg.streams) checkStreams(cfg, cfg.streams, add);

  const auditing = cfg.databaseAuditing;
  if (auditing && cfg.environment !== "prod") {
    add(
      ["databaseAuditing"],
      { environment: cfg.environment },
      "is declared by the prod stack only: Atlas auditing and alerts are one setting of the shared Atlas project, so two stacks would overwrite each other; remove it from this stack",
    );
  }
  if (auditing) {
    if (!Object.values(auditing.capture).some(Boolean)) {
      add(
        ["databaseAuditing", "capture"],
        auditing.capture,
        "captures nothing; keep at least one of authenticationSuccess, authenticationFailure, userAndRoleManagement",
      );
    }
    if (auditing.alerts.emails.length === 0 && auditing.alerts.webhooks.length === 0) {
      add(
        ["databaseAuditing", "alerts"],
        auditing.alerts,
        "must name at least one e-mail or webhook target: an alert nobody receives is not an alert",
      );
    }
  }
}
