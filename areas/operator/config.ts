/**
 * `atlas-access:operator` and `atlas-access:previews`: the Atlas Kubernetes Operator (only in the stack that owns the
 * Kubernetes cluster), its credential, and the pull requests that get a preview; with the rules that relate them.
 */
import { z } from "zod";
import type { CoreConfig } from "../../config/core";
import { rule } from "../../config/rules";
import { clusterName, list, rotationSchema, strictObject, uniqueList } from "../../config/schema";
import { ATLAS_DATABASE_USERS_PER_PROJECT, CREDENTIAL_EXPIRY_WARNING_DAYS, SYSTEM_DATABASES } from "../../domain/atlas";
import { workloadNamespace } from "../../domain/gcp";
import {
  DEFAULT_KYVERNO_NAMESPACE,
  EXACT_VERSION,
  NAMESPACE_NAME,
  PREVIEW_NAMESPACE_PREFIX,
  PREVIEW_PREFIX,
} from "../../domain/kubernetes";
import type { AdmissionConfig } from "../admission/config";
import type { AppUserConfig, StreamsConfig } from "../atlas/config";
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

/** What the operator rules read. */
export type OperatorRuleInput = CoreConfig & {
  operator?: OperatorConfig;
  previews?: PreviewsConfig;
  previewList?: PreviewListConfig;
};
/** What the operator-namespace rule reads besides the operator: where Kyverno and the stack's workloads run. */
export type OperatorNamespaceInput = OperatorRuleInput & {
  admission?: AdmissionConfig;
  appUsers?: AppUserConfig[];
  streams?: StreamsConfig;
};

/** Every workload identity of the stack that names a Kubernetes namespace, with where it is configured. */
function workloadNamespaces({ appUsers, streams }: OperatorNamespaceInput): [string, string][] {
  const members: [string, string][] = [
    ...(appUsers ?? []).map((u, i): [string, string] => [u.secretAccessor, `appUsers[${i}].secretAccessor`]),
    ...(streams?.users ?? []).map((u, i): [string, string] => [u.secretAccessor, `streams.users[${i}].secretAccessor`]),
  ];
  return members.flatMap(([member, where]) => {
    const ns = workloadNamespace(member);
    return ns === undefined ? [] : [[ns, where] as [string, string]];
  });
}

/**
 * The operator's namespace holds its global credential and is reconciled with it: it must be a namespace of its
 * own, never `default`, a `kube-*` system namespace, Kyverno's namespace (exempt from Kyverno's webhooks) or a
 * namespace an application workload of this stack runs in (GCP workload-identity principals naming a namespace; the
 * EKS Pod Identity config names clusters only, so there is no namespace to compare).
 */
export const operatorNamespaceRule = rule<OperatorNamespaceInput>({
  name: "the operator's namespace is its own",
  reads: ["operator", "admission", "appUsers", "streams"],
  check(config, add) {
    const ns = config.operator?.namespace;
    if (ns === undefined) return;
    const at = ["operator", "namespace"];
    if (ns === "default") {
      add(at, ns, "must not be default: every unqualified kubectl command writes there; use e.g. mongodb-atlas-system");
    } else if (ns.startsWith("kube-")) {
      add(at, ns, "must not be a kube-* system namespace (Kubernetes' own, and skipped by Kyverno's resource filters)");
    }
    const kyverno = config.admission?.kyvernoNamespace ?? DEFAULT_KYVERNO_NAMESPACE;
    if (ns === kyverno) {
      add(at, ns, "must not be Kyverno's namespace: Kyverno exempts its own namespace from its webhooks");
    }
    for (const [workload, where] of workloadNamespaces(config)) {
      if (workload === ns) {
        add(
          at,
          ns,
          `is where the workload identity of ${where} runs: the operator's namespace (and its global credential) must not be shared with an application`,
        );
      }
    }
  },
});

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
    name: "the credential outlives its rotation period",
    reads: ["operator"],
    check({ operator }, add) {
      if (!operator) return;
      const { secretExpiresAfterHours: hours, rotation } = operator.credential;
      const latest = Math.floor(hours / 24) - CREDENTIAL_EXPIRY_WARNING_DAYS;
      if ((rotation.rotateEveryDays + CREDENTIAL_EXPIRY_WARNING_DAYS) * 24 > hours) {
        add(
          ["operator", "credential", "rotation", "rotateEveryDays"],
          rotation.rotateEveryDays,
          `leaves less than ${CREDENTIAL_EXPIRY_WARNING_DAYS} days of the secret's ${hours}-hour lifetime after the rotation date, so a late rotation would not be reported before the operator loses access; use at most ${latest} days or raise secretExpiresAfterHours`,
        );
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "the preview list comes from the reconcile step",
    reads: ["previews", "previewList"],
    check({ previews, previewList }, add) {
      if (previews && !previewList) {
        add(
          [PREVIEW_LIST_KEY],
          undefined,
          "is required when atlas-access:previews is set; `npm run previews -- reconcile` sets it for each update from the open pull requests and the stack's state (never committed): run that, not a bare pulumi up, which would drop every preview at once",
        );
      }
      if (previewList && !previews) {
        add([PREVIEW_LIST_KEY], previewList, "has no effect without atlas-access:previews; remove it");
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "preview lists",
    reads: ["previews", "previewList"],
    check({ previews, previewList }, add) {
      if (!previews || !previewList) return;
      const { open, closing } = previewList;
      if (open.length + closing.length > previews.maxPreviews) {
        add(
          [PREVIEW_LIST_KEY],
          previewList,
          `has ${open.length} open and ${closing.length} closing previews, more than maxPreviews (${previews.maxPreviews}); a closing preview's user exists until this update deletes it`,
        );
      }
      const openSet = new Set(open);
      closing.forEach((pr, i) => {
        if (openSet.has(pr)) {
          add(
            [PREVIEW_LIST_KEY, "closing", i],
            pr,
            `is also in ${PREVIEW_LIST_KEY}.open; a pull request is either open or closing, never both`,
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
  operatorNamespaceRule,
];
