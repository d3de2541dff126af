/**
 * What every admission policy shares: the Kyverno `policies.kyverno.io/v1` ValidatingPolicy shape, CEL literals, the
 * message helpers and the one skeleton every policy is built on (Deny, failurePolicy Fail, CREATE and UPDATE, no
 * background scans). Pure: the policy files under `policies/<policy-name>/` fill in what differs.
 *
 * CEL is restricted to what Kyverno and `@bufbuild/cel` (+ strings extension) share: core macros, `has`, `in`,
 * `matches`, `startsWith`, `size`, `substring`, `trim`, `lowerAscii`, `join`, `string`. No `.?`/`orValue`,
 * `cel.bind`, list/set extensions or Kyverno libraries ({@link PORTABLE_FUNCTIONS} is checked by the tests).
 */
import { ATLAS_DOMAIN, PREVIEW_NAMESPACE_PATTERN } from "../../../domain/kubernetes";

/** One validation of a policy, in order: `rules[i]` describes `spec.validations[i]`. */
export interface PolicyRule {
  /** Stable id used by the corpus expectations, e.g. `dangerous-roles`. */
  id: string;
  /** One line for the plan summary. */
  summary: string;
}

export interface NamedExpression {
  name: string;
  expression: string;
}

export interface Validation {
  expression: string;
  message: string;
  messageExpression?: string;
}

export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  operations: string[];
}

export interface ValidatingPolicyManifest {
  apiVersion: "policies.kyverno.io/v1";
  kind: "ValidatingPolicy";
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    validationActions: ("Deny" | "Audit" | "Warn")[];
    failurePolicy: "Fail" | "Ignore";
    evaluation?: { background?: { enabled: boolean } };
    matchConstraints: { resourceRules: ResourceRule[] };
    matchConditions?: NamedExpression[];
    variables?: NamedExpression[];
    validations: Validation[];
  };
}

export interface AdmissionPolicy {
  name: string;
  rules: PolicyRule[];
  manifest: ValidatingPolicyManifest;
}

/** The functions (besides operators and macros) the emitted CEL may call: present in Kyverno and @bufbuild/cel. */
export const PORTABLE_FUNCTIONS: readonly string[] = [
  "size",
  "matches",
  "startsWith",
  "endsWith",
  "contains",
  "substring",
  "trim",
  "lowerAscii",
  "join",
  "string",
  "int",
  "split",
  "indexOf",
];

/** A CEL string literal. Parameters are validated to safe characters first; escaping is a second line of defence. */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A CEL list of string literals. */
export const celList = (values: readonly string[]): string => `[${values.map(celString).join(", ")}]`;

/**
 * CEL for `AtlasDatabaseUser pr-123/name`: every denial message starts by naming the resource (from the request, so
 * it also holds on DELETE, where `object` is null).
 */
export const KIND_NAME = "request.kind.kind + ' ' + request.namespace + '/' + request.name";

/** CEL naming who sends the request, e.g. `user 'alice'`. */
export const WHO = "'user \\'' + request.userInfo.username + '\\''";

/**
 * The match condition of every policy that judges Atlas kinds by group: `mongodb.com` or any `*.mongodb.com` group,
 * so a new group or version of the operator is judged (fail closed) without a policy change. It reads only
 * `request`, so Kyverno offloads it into its webhook and the API server calls Kyverno for these groups only.
 */
export const ATLAS_GROUP: NamedExpression = {
  name: "atlas-group",
  expression: `request.resource.group == ${celString(ATLAS_DOMAIN)} || request.resource.group.endsWith(${celString(`.${ATLAS_DOMAIN}`)})`,
};

/** CEL that is true in a preview namespace `pr-<N>` (anchored, numeric: `pr-`, `pr-abc`, `pr-12-x` are not). */
export const IN_PREVIEW_NAMESPACE = `request.namespace.matches(${celString(PREVIEW_NAMESPACE_PATTERN)})`;

/** The match condition of every policy that judges preview namespaces only. */
export const ONLY_PREVIEW_NAMESPACES: NamedExpression = { name: "preview-namespace", expression: IN_PREVIEW_NAMESPACE };

/** What one policy file defines; {@link validatingPolicy} adds what every policy shares. */
export interface PolicyDefinition {
  name: string;
  /** `policies.kyverno.io/title`. */
  title: string;
  /** Repository path of the file that defines the policy (annotation `atlas-access/generated-by`). */
  generatedBy: string;
  /** Resources the policy matches; each is matched on CREATE and UPDATE unless `operations` says otherwise. */
  resources: (Omit<ResourceRule, "operations"> & { operations?: string[] })[];
  matchConditions: NamedExpression[];
  variables?: NamedExpression[];
  /** The ordered validations, each with the rule id and summary the corpus and the plan name it by. */
  validations: (PolicyRule & Validation)[];
}

/**
 * The skeleton every admission policy shares: `Deny` with `failurePolicy: Fail` (a policy that cannot be evaluated
 * refuses), CREATE and UPDATE unless a policy names its operations (a role added later is an attack too; only the
 * writers policy judges DELETE, by identity), no background scans. The description annotation lists the rules in
 * order.
 */
export function validatingPolicy(d: PolicyDefinition): AdmissionPolicy {
  const rules = d.validations.map(({ id, summary }) => ({ id, summary }));
  return {
    name: d.name,
    rules,
    manifest: {
      apiVersion: "policies.kyverno.io/v1",
      kind: "ValidatingPolicy",
      metadata: {
        name: d.name,
        annotations: {
          "policies.kyverno.io/title": d.title,
          "policies.kyverno.io/description": rules.map((r) => `${r.id}: ${r.summary}`).join("; "),
          "atlas-access/generated-by": d.generatedBy,
        },
      },
      spec: {
        validationActions: ["Deny"],
        failurePolicy: "Fail",
        evaluation: { background: { enabled: false } },
        matchConstraints: {
          resourceRules: d.resources.map((r) => ({ ...r, operations: r.operations ?? ["CREATE", "UPDATE"] })),
        },
        matchConditions: d.matchConditions,
        ...(d.variables ? { variables: d.variables } : {}),
        validations: d.validations.map(({ expression, message, messageExpression }) => ({
          expression,
          message,
          ...(messageExpression ? { messageExpression } : {}),
        })),
      },
    },
  };
}
