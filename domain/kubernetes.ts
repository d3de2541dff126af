/**
 * Kubernetes names, the preview naming scheme and the labels and annotations the operator and the admission
 * policies agree on. One definition each, imported by config, components, admission and the offline engine.
 */

/**
 * A Kubernetes namespace name, exactly (RFC 1123 label): the Atlas operator compares `WATCH_NAMESPACE` entries with
 * namespace names byte for byte (no glob, no regex, no label selector).
 */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The Helm chart of the MongoDB Atlas Kubernetes operator (repository https://mongodb.github.io/helm-charts). */
export const ATLAS_OPERATOR_CHART = "mongodb-atlas-operator";
/** Whether a Helm release's `chart` is the Atlas operator's: its name, `<repo>/<name>` or `oci://…/<name>`. */
export const isAtlasOperatorChart = (chart: string): boolean =>
  chart === ATLAS_OPERATOR_CHART || chart.endsWith(`/${ATLAS_OPERATOR_CHART}`);

/** Namespaces of previews are `pr-<N>`; the prefix is reserved for them. */
export const PREVIEW_NAMESPACE_PREFIX = "pr-";
/** A preview namespace: `pr-` followed by the pull request number, nothing else (also used as a CEL regex). */
export const PREVIEW_NAMESPACE_PATTERN = "^pr-[0-9]+$";
export const isPreviewNamespace = (namespace: string): boolean => new RegExp(PREVIEW_NAMESPACE_PATTERN).test(namespace);
/** `pr-<N>`: the namespace of pull request N. */
export const previewNamespace = (pr: number): string => `${PREVIEW_NAMESPACE_PREFIX}${pr}`;

/**
 * A preview database or username prefix: lowercase letters, digits and `_`, starting with a letter, at most 40
 * characters, so that `<prefix><N>` is a database name and `<prefix><N>_app` a username for any pull request N.
 */
export const PREVIEW_PREFIX = /^[a-z][a-z0-9_]{0,39}$/;
/** Database and username prefix of previews in a stack without `atlas-access:previews` (prod still refuses them). */
export const DEFAULT_PREVIEW_PREFIX = "syrf_pr_";
/** The suffix of every preview username: `<usernamePrefix><N>_app`. */
export const PREVIEW_USERNAME_SUFFIX = "_app";
/** `<databasePrefix><N>`: the one database a preview user may read and write. */
export const previewDatabase = (databasePrefix: string, pr: number): string => `${databasePrefix}${pr}`;
/** `<usernamePrefix><N>_app`: the preview's Atlas username. */
export const previewUsername = (usernamePrefix: string, pr: number): string =>
  `${usernamePrefix}${pr}${PREVIEW_USERNAME_SUFFIX}`;

/** Marks a namespace (and the objects in it) as a pull-request preview; admission policies select on it. */
export const PREVIEW_LABEL = "atlas-access.io/preview";
/** `open` or `closing` (a closing preview is still watched while the operator deletes its user). */
export const PREVIEW_STATE_LABEL = "atlas-access.io/preview-state";
/** The pull request number of a preview namespace and its objects. */
export const PULL_REQUEST_LABEL = "atlas-access.io/pull-request";
export type PreviewState = "open" | "closing";
/** The labels the program writes on the namespace of preview `pr` (the admission policies read them). */
export const previewNamespaceLabels = (pr: number, state: PreviewState): Record<string, string> => ({
  [PREVIEW_LABEL]: "true",
  [PREVIEW_STATE_LABEL]: state,
  [PULL_REQUEST_LABEL]: String(pr),
});

/** The operator deletes the Atlas object when its resource is deleted only with this annotation set to `delete`. */
export const RESOURCE_POLICY_ANNOTATION = "mongodb.com/atlas-resource-policy";
/** `skip` stops the operator reconciling the resource: its deletion then never reaches Atlas. */
export const RECONCILIATION_POLICY_ANNOTATION = "mongodb.com/atlas-reconciliation-policy";
/** The generated kinds import an existing Atlas object named by `mongodb.com/external-id` (and `external-*` peers). */
export const EXTERNAL_ANNOTATION_PREFIX = "mongodb.com/external-";
/** The finalizer the operator sets on every resource it manages; it removes it once the Atlas side is handled. */
export const OPERATOR_FINALIZER = "mongodbatlas/finalizer";
/** The operator only sees Secrets carrying this label (cluster-wide mode) and its token controller filters on it. */
export const CREDENTIALS_LABEL = { "atlas.mongodb.com/type": "credentials" } as const;
/** Pod Security "restricted", enforced (and audited, warned) on every namespace the program creates. */
export const RESTRICTED_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
} as const;

/** `system:serviceaccount:<namespace>:<name>`: the username the API server gives a service account's requests. */
export const serviceAccountUsername = (namespace: string, name: string): string =>
  `system:serviceaccount:${namespace}:${name}`;
/** A service account reference in config: `<namespace>/<name>`. */
export const SERVICE_ACCOUNT_REF = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?)$/;
/**
 * Kubernetes' own controllers that delete what a terminating namespace holds and what lost its owner
 * (kube-controller-manager with `--use-service-account-credentials`, each controller under its own account in
 * kube-system): without them a closing preview's namespace never finishes terminating.
 */
export const NAMESPACE_CONTROLLER = serviceAccountUsername("kube-system", "namespace-controller");
export const GARBAGE_COLLECTOR = serviceAccountUsername("kube-system", "generic-garbage-collector");
/** Groups every request (or every service account) belongs to: naming one would make anyone a writer. */
export const BROAD_GROUPS: readonly string[] = [
  "system:authenticated",
  "system:unauthenticated",
  "system:serviceaccounts",
  "system:nodes",
];

/** The namespace Kyverno is installed in unless configured. */
export const DEFAULT_KYVERNO_NAMESPACE = "kyverno";

/**
 * The Atlas operator's API groups and the prefix of the annotations and labels it acts on: `mongodb.com` and every
 * `<sub>.mongodb.com` (`atlas.mongodb.com`, `atlas.generated.mongodb.com`, `atlas.generated.experimental.mongodb.com`,
 * and any future group).
 */
export const ATLAS_DOMAIN = "mongodb.com";
export const isAtlasGroup = (group: string): boolean => group === ATLAS_DOMAIN || group.endsWith(`.${ATLAS_DOMAIN}`);

/** An exact Helm chart version such as `2.15.1` (no range, no `latest`). */
export const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** A Kubernetes service account name (RFC 1123 subdomain: lowercase letters, digits, `-` and `.`, at most 253). */
export const SERVICE_ACCOUNT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
