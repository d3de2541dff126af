/**
 * The sections of the Atlas area: `gcp` (where credentials live), `appUsers`, `streams` and `databaseAuditing`.
 * Their rules, which relate them to each other and to the environment, are in `rules.ts`.
 */
import { z } from "zod";
import {
  clusterName,
  databaseName,
  email,
  httpsUrl,
  list,
  rotationSchema,
  secret,
  strictObject,
  uniqueList,
} from "../../config/schema";
import {
  CUSTOM_ROLE_NAME,
  DATA_ACTIONS,
  OPT_IN_DATABASE_ROLES,
  STREAM_PROCESSING_ACTIONS,
  STREAM_PROCESSING_ACTION_ALIASES,
  USERNAME,
  WORKSPACE_NAME,
  streamProcessingAction,
} from "../../domain/atlas";
import { GCP_PROJECT_ID, SECRET_ACCESSOR_HINT, SECRET_ID, isSecretAccessor } from "../../domain/gcp";

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
    .array(
      strictObject({
        /** A built-in role: `read` or `readWrite` (an application user may also hold one of its `roleOptIns`). */
        role: z.string().min(1, { error: "must name a role" }),
        /** This stack's environment database (`atlas.environmentDatabases.<environment>`). */
        database: databaseName,
      }),
    )
    .min(1, { error: "must grant at least one role on the environment's database" }),
  /** Explicit, documented opt-ins for a database-level role beyond read/readWrite. @default [] */
  roleOptIns: z
    .array(
      strictObject({
        /** `dbAdmin`, `dbOwner` or `userAdmin`, on the databases this user is granted it on. */
        role: z.enum(OPT_IN_DATABASE_ROLES, {
          error: `must be one of: ${list(OPT_IN_DATABASE_ROLES)} (no broader role can be opted in)`,
        }),
        /** Why the user needs it, for reviewers (at least 20 characters). */
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
  /**
   * Rotate the password: a new `rotatedOn` date generates a new password, sets it on the Atlas user and adds it as
   * the secret's new version in the same deployment (see the atlas README for the downtime this costs and the
   * two-user alternative). @default no rotation (the password is protected like the user)
   */
  passwordRotation: rotationSchema(90).optional(),
});
export type AppUserConfig = z.infer<typeof appUserSchema>;

const workspaceName = z.string().regex(WORKSPACE_NAME, {
  error: "must be a workspace name: letters, digits, '_' and '-', 1-64 characters",
});
const roleName = z
  .string()
  .regex(CUSTOM_ROLE_NAME, { error: "must be a custom role name: letters, digits, '_' and '-', 1-64 characters" });

export const streamsSchema = strictObject({
  /** Stream processing workspaces (`StreamWorkspace`, not the deprecated `StreamInstance`). */
  workspaces: uniqueList(
    strictObject({
      /** Workspace name (project-wide). */
      name: workspaceName,
      /** Cloud the workspace runs in. */
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
      /** Custom role name (project-wide). */
      name: roleName,
      /** Who holds it, e.g. `operator` or `viewer`. */
      persona: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: "must be a persona name: lowercase letters, digits and '-'" }),
      /** The stream processor actions the persona needs, and no more: Admin API names (`CREATE_STREAM_PROCESSOR`), or the documentation's camelCase aliases. */
      actions: uniqueList(
        z.string().refine((a) => streamProcessingAction(a) !== undefined, {
          error:
            `is not a stream processor action of the Atlas Admin API; accepted: ${list(STREAM_PROCESSING_ACTIONS)}, ` +
            `or a documented alias: ${list(Object.keys(STREAM_PROCESSING_ACTION_ALIASES))}`,
        }),
        (a) => streamProcessingAction(a) ?? a,
      ).min(1, { error: "must carry at least one stream processor action" }),
    }),
    (r) => r.name,
  ).default([]),
  /** Custom roles used as a connection's "Execute As" profile: data actions on one database. @default [] */
  executionRoles: uniqueList(
    strictObject({
      /** Custom role name (project-wide). */
      name: roleName,
      /** The one database the actions apply to: this stack's environment database. */
      database: databaseName,
      /** Collections the actions apply to. @default [] (the whole database) */
      collections: uniqueList(
        z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, { error: "must be a collection name" }),
      ).default([]),
      /** Data actions a processor executing as this role may take. */
      actions: uniqueList(z.enum(DATA_ACTIONS, { error: `must be one of: ${list(DATA_ACTIONS)}` })).min(1, {
        error: "must carry at least one action",
      }),
    }),
    (r) => r.name,
  ).default([]),
  /** Stream users: password users holding one persona role, scoped (STREAM) to named workspaces. @default [] */
  users: z
    .array(
      strictObject({
        /** Atlas username (SCRAM password user on `admin`). */
        username,
        /** Why this user exists. @default "" */
        description: z.string().default(""),
        /** A `personaRoles[].name`; granted on `admin` as Atlas requires for custom roles. */
        role: z.string(),
        /** Workspaces the user may reach (required: no scopes means every workspace and cluster). */
        workspaces: z.array(workspaceName).min(1, {
          error:
            "must name at least one workspace: a user without scopes reaches every workspace and cluster of the project",
        }),
        /** Secret Manager secret id holding the generated password. */
        secretId,
        /** The one workload identity granted `roles/secretmanager.secretAccessor` on that secret. */
        secretAccessor,
      }),
    )
    .default([]),
  /** Connection-registry entries of type `Cluster`, each executing as a least-privilege custom role. @default [] */
  connections: uniqueList(
    strictObject({
      /** The workspace (`workspaces[].name`) the connection belongs to. */
      workspace: workspaceName,
      /** Connection name, as processors refer to it. */
      name: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a connection name: letters, digits, '_' and '-'" }),
      /** The cluster it connects to (one of `atlas.clusters`). */
      cluster: clusterName,
      /** The role processors using the connection act as. */
      executeAs: strictObject({
        /** A `executionRoles[].name`. */
        role: z.string(),
        /** `CUSTOM` (a built-in execute-as role reaches every database). */
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
    /** Successful logins. */
    authenticationSuccess: z.boolean().default(true),
    /** Failed logins. */
    authenticationFailure: z.boolean().default(true),
    /** Users and roles created, changed or dropped. */
    userAndRoleManagement: z.boolean().default(true),
  }).prefault({}),
  /** Also audit every successful authorization check (very noisy). @default false */
  auditAuthorizationSuccess: z.boolean().default(false),
  /**
   * Who is told when the project IP access list or the project's Atlas members change. Atlas has no alert type for
   * database user or custom role changes (areas/atlas/README.md): the audit filter and the live verification cover them.
   */
  alerts: strictObject({
    /** E-mail addresses alerted. @default [] */
    emails: uniqueList(email).default([]),
    /** Webhooks alerted. @default [] */
    webhooks: z
      .array(
        strictObject({
          /** The webhook's https:// URL. */
          url: httpsUrl,
          /** Shared secret Atlas sends with each call; set it with `pulumi config set --secret`. */
          secret: secret(z.string().min(1, { error: "must not be empty" })).optional(),
        }),
      )
      .default([]),
  }),
});
export type DatabaseAuditingConfig = z.infer<typeof databaseAuditingSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const atlasSections = {
  gcp: gcpSchema.optional(),
  /** Application password users: credentials generated into GCP Secret Manager, one reader per secret. */
  appUsers: z.array(appUserSchema).optional(),
  /** Stream processing: workspaces, persona roles, execution roles, stream users and connections. */
  streams: streamsSchema.optional(),
  /** Atlas database auditing and user/role alerts: one setting of the Atlas project, declared by prod only. */
  databaseAuditing: databaseAuditingSchema.optional(),
};
