/**
 * One admission request as the API server hands it to a validating admission policy (Kubernetes' own
 * ValidatingAdmissionPolicy or a Kyverno ValidatingPolicy, which reuses Kubernetes' matcher), and the resource-rule
 * matching both apply before any CEL runs. Sources: kubernetes/apiserver
 * `pkg/admission/plugin/webhook/predicates/rules/rules.go` (the rule matcher, shared by policies and webhooks) and
 * `pkg/admission/plugin/policy/validating` (the CEL variables); kyverno/kyverno v1.19.0
 * `pkg/cel/policies/vpol/engine/engine.go` (Kyverno builds the same attributes and resolves the namespace object).
 */
export type Operation = "CREATE" | "UPDATE" | "DELETE" | "CONNECT";

export interface UserInfo {
  username: string;
  groups?: string[];
}

export interface AdmissionRequest {
  operation: Operation;
  /** The new object; null on DELETE. */
  object: Record<string, unknown> | null;
  /** The stored object (UPDATE, DELETE); null on CREATE. */
  oldObject?: Record<string, unknown> | null;
  /** Resource coordinates; derived from the object's apiVersion and kind when absent (as the Kyverno CLI guesses). */
  resource?: { group: string; version: string; resource: string };
  /** e.g. `status`; "" (the default) for the resource itself. */
  subResource?: string;
  /** @default the object's metadata.namespace */
  namespace?: string;
  /** Who sends the request. @default { username: "" } (the Kyverno CLI without a userinfo file) */
  userInfo?: UserInfo;
  /**
   * The request's namespace as the cluster holds it (labels included). @default `{ metadata: { name } }`, what the
   * Kyverno CLI synthesises without a values file; null for a cluster-scoped request.
   */
  namespaceObject?: Record<string, unknown> | null;
  /** A dry run is judged like any other request (Kyverno registers its webhook with sideEffects NoneOnDryRun). */
  dryRun?: boolean;
}

export interface ResourceRule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
}

export interface Coordinates {
  group: string;
  version: string;
  resource: string;
  subResource: string;
}

/** `AtlasDatabaseUser` → `atlasdatabaseusers`, as `meta.UnsafeGuessKindToResource` does. */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith("s")) return `${lower}es`;
  if (lower.endsWith("y")) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

const subject = (req: AdmissionRequest) => req.object ?? req.oldObject ?? null;

export function coordinates(req: AdmissionRequest): Coordinates {
  const subResource = req.subResource ?? "";
  if (req.resource) return { ...req.resource, subResource };
  const obj = subject(req);
  if (!obj || typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
    throw new Error("admission request needs `resource` or an object with apiVersion and kind");
  }
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/", 2) : ["", obj.apiVersion];
  return { group: group ?? "", version: version ?? "", resource: guessResource(obj.kind), subResource };
}

const exactOrWildcard = (list: string[] | undefined, value: string) =>
  (list ?? []).some((v) => v === "*" || v === value);

/**
 * Kubernetes' resource matching: an entry `res/sub` splits at the first `/`; `*` matches any resource but only
 * without a subresource, `*\/*` every resource and subresource, `x/*` x and all its subresources, `x/status` only the
 * status subresource of x.
 */
export function resourceMatches(entries: string[] | undefined, resource: string, subResource: string): boolean {
  return (entries ?? []).some((entry) => {
    const slash = entry.indexOf("/");
    const [res, sub] = slash < 0 ? [entry, ""] : [entry.slice(0, slash), entry.slice(slash + 1)];
    return (res === "*" || res === resource) && (sub === "*" || sub === subResource);
  });
}

export function ruleMatches(rule: ResourceRule, c: Coordinates, operation: string): boolean {
  return (
    exactOrWildcard(rule.apiGroups, c.group) &&
    exactOrWildcard(rule.apiVersions, c.version) &&
    resourceMatches(rule.resources, c.resource, c.subResource) &&
    exactOrWildcard(rule.operations, operation)
  );
}

/** The CEL variables of the request (`object`, `oldObject`, `request`, `namespaceObject`), as plain JSON. */
export function requestBindings(req: AdmissionRequest, c: Coordinates): Record<string, unknown> {
  const obj = subject(req);
  const meta = (obj?.metadata ?? {}) as { namespace?: string; name?: string };
  const namespace = req.namespace ?? meta.namespace ?? "";
  const kind = typeof obj?.kind === "string" ? obj.kind : "";
  const gvk = { group: c.group, version: c.version, kind };
  const gvr = { group: c.group, version: c.version, resource: c.resource };
  return {
    object: req.object ?? null,
    oldObject: req.oldObject ?? null,
    request: {
      operation: req.operation,
      namespace,
      name: meta.name ?? "",
      kind: gvk,
      resource: gvr,
      subResource: c.subResource,
      requestKind: gvk,
      requestResource: gvr,
      requestSubResource: c.subResource,
      userInfo: { username: req.userInfo?.username ?? "", groups: req.userInfo?.groups ?? [] },
      dryRun: req.dryRun ?? false,
    },
    namespaceObject:
      req.namespaceObject !== undefined ? req.namespaceObject : namespace ? { metadata: { name: namespace } } : null,
  };
}
