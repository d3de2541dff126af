/**
 * `atlas-access:operator` and `atlas-access:previews`: the Atlas Kubernetes Operator (only in the stack that owns the
 * Kubernetes cluster), its credential, and the pull requests that get a preview; with the rules that relate them.
 */
import { z } from "zod";
import type { CoreConfig } from "../../config/core";
import { rule } from "../../config/rules";
import { clusterName, list, strictObject, uniqueList } from "../../config/schema";
import { SYSTEM_DATABASES } from "../../domain/atlas";
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

const pullRequestNumber = z
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
  /** Open pull requests, each getting namespace `pr-<N>` and a user on `<databasePrefix><N>`. */
  pullRequests: uniqueList(pullRequestNumber),
  /** Pull requests being closed: still watched so the operator can delete their users (see the operator README). */
  closing: uniqueList(pullRequestNumber).default([]),
  /** Upper bound on `pullRequests.length` (at most 500: each preview is a watched namespace, a Role and an informer). */
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
});
export type PreviewsConfig = z.infer<typeof previewsSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const operatorSections = {
  operator: operatorSchema.optional(),
  /** The open and closing pull requests that get a preview (namespace, database user), and their naming. */
  previews: previewsSchema.optional(),
};

/** What the operator rules read. */
export type OperatorRuleInput = CoreConfig & { operator?: OperatorConfig; previews?: PreviewsConfig };

export const operatorRules = [
  rule<OperatorRuleInput>({
    name: "previews need the operator",
    reads: ["operator", "previews"],
    check({ operator, previews }, add) {
      if (previews && !operator) {
        add(
          ["operator"],
          undefined,
          "is required when atlas-access:previews is set (previews need the Atlas operator in the same stack); set it, or move previews to the stack that owns the cluster",
        );
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "preview lists",
    reads: ["previews"],
    check({ previews }, add) {
      if (!previews) return;
      if (previews.pullRequests.length > previews.maxPreviews) {
        add(
          ["previews", "pullRequests"],
          previews.pullRequests,
          `has ${previews.pullRequests.length} previews, more than maxPreviews (${previews.maxPreviews}); close some pull requests or raise maxPreviews`,
        );
      }
      const open = new Set(previews.pullRequests);
      previews.closing.forEach((pr, i) => {
        if (open.has(pr)) {
          add(
            ["previews", "closing", i],
            pr,
            "is also in previews.pullRequests; a pull request is either open or closing, never both",
          );
        }
      });
    },
  }),
  rule<OperatorRuleInput>({
    name: "previews reach neither the environments' databases nor other clusters",
    reads: ["atlas", "previews"],
    check({ atlas, previews }, add) {
      if (!previews) return;
      const protectedDbs: [string, string][] = [
        [atlas.environmentDatabases.prod, "the production database"],
        [atlas.environmentDatabases.staging, "the staging database"],
        ...SYSTEM_DATABASES.map((d): [string, string] => [d, "a system database"]),
      ];
      for (const [db, what] of protectedDbs) {
        if (db.startsWith(previews.databasePrefix)) {
          add(
            ["previews", "databasePrefix"],
            previews.databasePrefix,
            `collides with ${what} ${db}: every name starting with the prefix counts as a preview database, so a preview user could be granted ${db}; choose a prefix that begins none of ${list(protectedDbs.map(([d]) => d))}`,
          );
        }
      }
      previews.clusters.forEach((c, i) => {
        if (!atlas.clusters.includes(c)) {
          add(
            ["previews", "clusters", i],
            c,
            `is not a cluster of the project; use one of atlas.clusters: ${list(atlas.clusters)}`,
          );
        }
      });
    },
  }),
];
