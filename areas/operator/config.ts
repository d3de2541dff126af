import { z } from "zod";
import type { AddIssue, StackConfig } from "../../program/config";
import { clusterName, strictObject, uniqueList } from "../../config/schema";

/**
 * A Kubernetes namespace name, exactly: the Atlas operator compares `WATCH_NAMESPACE` entries with namespace names
 * byte for byte (no glob, no regex, no label selector), and the chart renders a Role in each listed namespace, so a
 * pattern such as `pr-*` would never match anything and would make `helm install` fail.
 */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const namespaceName = z.string().regex(NAMESPACE_NAME, {
  error:
    "must be one exact Kubernetes namespace name (lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit); the operator matches watched namespaces by exact name, so a pattern such as pr-* never matches",
});

/** Namespaces of previews: `pr-<N>`. Reserved: the operator namespace may not use it. */
export const PREVIEW_NAMESPACE_PREFIX = "pr-";
export const previewNamespace = (pr: number) => `${PREVIEW_NAMESPACE_PREFIX}${pr}`;

/** Databases no preview user may ever reach, besides the prod and staging databases. */
export { SYSTEM_DATABASES } from "../../guardrails/rules/atlas/roles";
import { SYSTEM_DATABASES } from "../../guardrails/rules/atlas/roles";

/**
 * Widest access-list entries accepted for the operator credential. The operator calls the Atlas API from the
 * cluster's egress (a Cloud NAT or NAT gateway): a handful of static addresses, so an IPv4 /24 (256 addresses) is
 * already generous; an IPv6 /64 is one subnet, the smallest block a provider hands out.
 */
export const ACCESS_LIST_MIN_PREFIX = { v4: 24, v6: 64 } as const;

const pullRequestNumber = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n > 0, { error: "must be a positive whole pull request number, e.g. 123" });

/** The operator's Atlas credential: a service account holding only GROUP_DATABASE_ACCESS_ADMIN on the project. */
export const operatorCredentialSchema = strictObject({
  /**
   * Addresses the credential may be used from (the Kubernetes cluster's egress), as CIDR blocks: IPv4 /24-/32 or
   * IPv6 /64-/128 with no host bits set. Never empty: Atlas would then accept the credential from anywhere.
   */
  accessList: uniqueList(z.string()).min(1, {
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
 * The shape is shared with the admission-policy component; the operator issue owns the validation rules.
 */
export const operatorSchema = strictObject({
  /** Namespace the operator runs in (also watched). @default "mongodb-atlas-system" */
  namespace: namespaceName.default("mongodb-atlas-system"),
  /** Pinned `mongodb-atlas-operator` chart version. @default "2.15.1" */
  chartVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: "must be an exact chart version such as 2.15.1 (no range, no 'latest')" })
    .default("2.15.1"),
  /** The Atlas project's display name, which the shared `AtlasProject` reference must carry (see the operator README). */
  atlasProjectName: z.string().regex(/^[A-Za-z0-9 _.()-]{1,64}$/, {
    error: "must be the Atlas project's name: 1-64 letters, digits, spaces and _ . ( ) -",
  }),
  /** The operator's Atlas credential (issue 6 item 3). */
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
  databasePrefix: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, {
    error:
      "must be a database name prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters",
  }),
  /** Atlas username prefix, e.g. `syrf_pr_` gives `syrf_pr_123_app` (see the operator README). */
  usernamePrefix: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, {
    error:
      "must be a username prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters",
  }),
  /** The cluster(s) preview users may reach. */
  clusters: uniqueList(clusterName).min(1, {
    error: "must name at least one cluster: without scopes a user reaches every cluster",
  }),
});
export type PreviewsConfig = z.infer<typeof previewsSchema>;

export const kubernetesSections = {
  operator: operatorSchema.optional(),
  previews: previewsSchema.optional(),
};

/** `<prefix><N>`: the one database a preview user may read and write. */
export const previewDatabase = (p: Pick<PreviewsConfig, "databasePrefix">, pr: number) => `${p.databasePrefix}${pr}`;
/** `<prefix><N>_app`: the preview's Atlas username. */
export const previewUsername = (p: Pick<PreviewsConfig, "usernamePrefix">, pr: number) =>
  `${p.usernamePrefix}${pr}_app`;

/**
 * The operator's `watchNamespaces`: its own namespace, then `pr-<N>` for every open AND closing preview, ascending.
 * Never empty (an empty list is cluster-wide mode: a ClusterRole that reads every Secret of the cluster).
 */
export function watchNamespaces(
  operator: Pick<OperatorConfig, "namespace">,
  previews?: Pick<PreviewsConfig, "pullRequests" | "closing">,
): string[] {
  const prs = [...new Set([...(previews?.pullRequests ?? []), ...(previews?.closing ?? [])])].sort((a, b) => a - b);
  return [operator.namespace, ...prs.map(previewNamespace)];
}

/** Parses `a.b.c.d/n` or an IPv6 `x::y/n`; undefined when it is not a CIDR block. */
export function parseCidr(text: string): { version: 4 | 6; prefix: number; hostBitsSet: boolean } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const [, addr = "", p = ""] = m;
  const prefix = Number(p);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (prefix > 32 || octets.some((o) => o > 255)) return undefined;
    const value = octets.reduce((acc, o) => acc * 256 + o, 0);
    const hostBits = 2 ** (32 - prefix);
    return { version: 4, prefix, hostBitsSet: value % hostBits !== 0 };
  }
  if (!/^[0-9a-fA-F:]+$/.test(addr) || prefix > 128) return undefined;
  const halves = addr.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const bits = all.map((g) => parseInt(g, 16).toString(2).padStart(16, "0")).join("");
  return { version: 6, prefix, hostBitsSet: bits.slice(prefix).includes("1") };
}

/** Why an access-list entry is refused, or undefined when it is acceptable. */
function accessListProblem(entry: string): string | undefined {
  const cidr = parseCidr(entry);
  if (!cidr) return "must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64";
  const min = cidr.version === 4 ? ACCESS_LIST_MIN_PREFIX.v4 : ACCESS_LIST_MIN_PREFIX.v6;
  if (cidr.prefix === 0) return "is open to the whole internet; list the cluster's egress addresses instead";
  if (cidr.prefix < min) {
    return `is wider than /${min}; list the cluster's egress addresses (IPv4 /${ACCESS_LIST_MIN_PREFIX.v4}-/32, IPv6 /${ACCESS_LIST_MIN_PREFIX.v6}-/128)`;
  }
  if (cidr.hostBitsSet) return "has host bits set below its prefix length; write the network address of the block";
  return undefined;
}

/** Cross-field rules of `operator` and `previews` (run by the root schema; paths are relative to `atlas-access:`). */
export function checkKubernetes(cfg: StackConfig, add: AddIssue): void {
  const { operator, previews } = cfg;
  if (operator) {
    if (NAMESPACE_NAME.test(operator.namespace) && operator.namespace.startsWith(PREVIEW_NAMESPACE_PREFIX)) {
      add(
        ["operator", "namespace"],
        operator.namespace,
        `must not start with "${PREVIEW_NAMESPACE_PREFIX}": that prefix is reserved for preview namespaces pr-<N>`,
      );
    }
    operator.credential.accessList.forEach((entry, i) => {
      const problem = accessListProblem(entry);
      if (problem) add(["operator", "credential", "accessList", i], entry, problem);
    });
  }
  if (!previews) return;
  if (!operator) {
    add(
      ["operator"],
      undefined,
      "is required when atlas-access:previews is set (previews need the Atlas operator in the same stack); set it, or move previews to the stack that owns the cluster",
    );
  }
  const maxValid = Number.isSafeInteger(previews.maxPreviews) && previews.maxPreviews >= 1; // else maxPreviews itself is reported
  if (maxValid && previews.pullRequests.length > previews.maxPreviews) {
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
  const protectedDbs: [string, string][] = [
    [cfg.atlas.environmentDatabases.prod, "the production database"],
    [cfg.atlas.environmentDatabases.staging, "the staging database"],
    ...SYSTEM_DATABASES.map((d): [string, string] => [d, "a system database"]),
  ];
  for (const [db, what] of protectedDbs) {
    if (db.startsWith(previews.databasePrefix)) {
      add(
        ["previews", "databasePrefix"],
        previews.databasePrefix,
        `collides with ${what} ${db}: every name starting with the prefix counts as a preview database, so a preview user could be granted ${db}; choose a prefix that begins none of ${protectedDbs.map(([d]) => d).join(", ")}`,
      );
    }
  }
  const known = new Set(cfg.atlas.clusters);
  // When atlas.clusters is itself invalid, that is the one problem to report.
  const clustersValid = z.array(clusterName).min(1).safeParse(cfg.atlas.clusters).success;
  previews.clusters.forEach((c, i) => {
    if (clustersValid && !known.has(c)) {
      add(
        ["previews", "clusters", i],
        c,
        `is not a cluster of the project; use one of atlas.clusters: ${cfg.atlas.clusters.join(", ")}`,
      );
    }
  });
}
