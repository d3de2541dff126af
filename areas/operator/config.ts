/**
 * `atlas-access:operator` and `atlas-access:previews`: the Atlas Kubernetes Operator (only in the stack that owns the
 * Kubernetes cluster), its credential, the preview settings and the preview list of a run. Their rules: `rules.ts`.
 */
import { z } from "zod";
import type { CoreConfig } from "../../config/core";
import { clusterName, rotationSchema, strictObject, uniqueList } from "../../config/schema";
import { ATLAS_DATABASE_USERS_PER_PROJECT } from "../../domain/atlas";
import { EXACT_VERSION, NAMESPACE_NAME, PREVIEW_NAMESPACE_PREFIX, PREVIEW_PREFIX } from "../../domain/kubernetes";
import { accessListProblem } from "./accessList";

/**
 * One exact namespace name: the operator matches watched namespaces by exact name, and the chart renders a Role in
 * each listed namespace, so a pattern such as `pr-*` would never match anything and would make `helm install` fail.
 */
const namespaceName = z.string().regex(NAMESPACE_NAME, {
  abort: true,
  error:
    "must be one exact Kubernetes namespace name (lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit); the operator matches watched namespaces by exact name, so a pattern such as pr-* never matches",
});

export const pullRequestNumber = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n > 0, { error: "must be a positive whole pull request number, e.g. 123" });

/** The operator's Atlas credential: a service account holding only GROUP_DATABASE_ACCESS_ADMIN on the project. */
export const operatorCredentialSchema = strictObject({
  /**
   * Addresses the credential may be used from (the Kubernetes cluster's egress), as CIDR blocks: IPv4 /24-/32 or
   * IPv6 /64-/128 with no host bits set. Never empty: Atlas would then accept the credential from anywhere.
   */
  accessList: uniqueList(
    z.string().superRefine((entry, ctx) => {
      const problem = accessListProblem(entry);
      if (problem) ctx.addIssue({ code: "custom", input: entry, message: problem });
    }),
  ).min(1, {
    error:
      "must list at least one CIDR block (the cluster's egress addresses); without one Atlas accepts the credential from anywhere",
  }),
  /** Lifetime of the generated client secret, in hours (Atlas: 8 hours to 1 year). @default 2160 (90 days) */
  secretExpiresAfterHours: z
    .number()
    .refine((n) => Number.isSafeInteger(n) && n >= 8 && n <= 8760, {
      error: "must be a whole number of hours from 8 to 8760 (one year)",
    })
    .default(2160),
  /** When the credential was last rotated and how often it must be (see the operator README, "Rotation"). */
  rotation: rotationSchema(60),
});
export type OperatorCredentialConfig = z.infer<typeof operatorCredentialSchema>;

/**
 * The Atlas Kubernetes Operator (only in the stack that owns the Kubernetes cluster) and per-pull-request previews.
 */
export const operatorSchema = strictObject({
  /** Namespace the operator runs in (also watched). @default "mongodb-atlas-system" */
  namespace: namespaceName
    .refine((ns) => !ns.startsWith(PREVIEW_NAMESPACE_PREFIX), {
      error: `must not start with "${PREVIEW_NAMESPACE_PREFIX}": that prefix is reserved for preview namespaces pr-<N>`,
    })
    .default("mongodb-atlas-system"),
  /** Pinned `mongodb-atlas-operator` chart version. @default "2.15.1" */
  chartVersion: z
    .string()
    .regex(EXACT_VERSION, { error: "must be an exact chart version such as 2.15.1 (no range, no 'latest')" })
    .default("2.15.1"),
  /** The Atlas project's display name, which the shared `AtlasProject` reference must carry (see the operator README). */
  atlasProjectName: z.string().regex(/^[A-Za-z0-9 _.()-]{1,64}$/, {
    error: "must be the Atlas project's name: 1-64 letters, digits, spaces and _ . ( ) -",
  }),
  /** The operator's Atlas credential. */
  credential: operatorCredentialSchema,
});
export type OperatorConfig = z.infer<typeof operatorSchema>;

export const previewsSchema = strictObject({
  /**
   * Upper bound on the previews that hold an Atlas user at any moment, open and closing together (at most 500: each
   * preview is a watched namespace, a Role and an informer). With the database users every stack declares it must fit
   * in `projectDatabaseUserLimit` (see `capacity.ts`).
   */
  maxPreviews: z
    .number()
    .refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= 500, { error: "must be a whole number from 1 to 500" }),
  /** Database name prefix, e.g. `syrf_pr_` gives `syrf_pr_123`. */
  databasePrefix: z.string().regex(PREVIEW_PREFIX, {
    error:
      "must be a database name prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters",
  }),
  /** Atlas username prefix, e.g. `syrf_pr_` gives `syrf_pr_123_app` (see the operator README). */
  usernamePrefix: z.string().regex(PREVIEW_PREFIX, {
    error:
      "must be a username prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters",
  }),
  /** The cluster(s) preview users may reach. */
  clusters: uniqueList(clusterName).min(1, {
    error: "must name at least one cluster: without scopes a user reaches every cluster",
  }),
  /** Only open pull requests carrying this GitHub label get a preview. @default every open pull request of the repository */
  label: z
    .string()
    .regex(/^\S(.{0,48}\S)?$/, { error: "must be a GitHub label name: 1-50 characters, no leading or trailing space" })
    .optional(),
  /**
   * Database users the shared Atlas project may hold. Atlas allows 100 unless MongoDB support raised the project's
   * limit; set this only to a limit support confirmed. @default 100
   */
  projectDatabaseUserLimit: z
    .number()
    .refine((n) => Number.isSafeInteger(n) && n >= 1, { error: "must be a whole number of database users, e.g. 100" })
    .default(ATLAS_DATABASE_USERS_PER_PROJECT),
});
export type PreviewsConfig = z.infer<typeof previewsSchema>;

/**
 * `atlas-access:previewList`: the previews of one update, set in the stack's config by `npm run previews -- reconcile`
 * from the open pull requests and the stack's state, for that run only (never committed).
 */
export const previewListSchema = strictObject({
  /** Pull requests with a preview: namespace `pr-<N>` and a user on `<databasePrefix><N>`. */
  open: uniqueList(pullRequestNumber),
  /** Pull requests being closed: still watched so the operator can delete their users (see the operator README). */
  closing: uniqueList(pullRequestNumber).default([]),
});
export type PreviewListConfig = z.infer<typeof previewListSchema>;
/** The config key the reconcile step sets (without the `atlas-access:` prefix). */
export const PREVIEW_LIST_KEY = "previewList";

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const operatorSections = {
  operator: operatorSchema.optional(),
  /** The open and closing pull requests that get a preview (namespace, database user), and their naming. */
  previews: previewsSchema.optional(),
  previewList: previewListSchema.optional(),
};

/** The operator area's sections, as its rules and its declaration read them. */
export type OperatorRuleInput = CoreConfig & {
  operator?: OperatorConfig;
  previews?: PreviewsConfig;
  previewList?: PreviewListConfig;
};
