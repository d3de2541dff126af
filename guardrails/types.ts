/** A guardrail is written once, here, as a pure function; the tests, the policy pack and the plan all run it. */

export type Severity = "low" | "medium" | "high" | "critical";

/** A resource as a rule sees it: type token, name, parent's name and plain inputs (secrets already unwrapped). */
export interface ResourceView {
  type: string;
  name: string;
  parent: string | null;
  inputs: Record<string, unknown>;
}

interface RuleBase {
  /** Stable id, `<AREA>-<NNN>`, e.g. `IAM-001`. */
  id: string;
  /** What the rule guarantees, as a sentence. */
  title: string;
  severity: Severity;
  /** Why it matters. */
  reason: string;
  /** How to fix a finding. */
  remediation: string;
}

/** Looks at one resource at a time. */
export interface ResourceRule extends RuleBase {
  kind: "resource";
  /** Type tokens the rule applies to: exact tokens, or patterns for families (e.g. every GCP `*IamMember`). */
  types: readonly (string | RegExp)[];
  /** Returns one message per violation (empty when compliant). */
  check(resource: ResourceView): string[];
}

/** Looks at the whole stack (for "X must exist" and relations between resources). */
export interface StackRule extends RuleBase {
  kind: "stack";
  check(resources: readonly ResourceView[]): { resource: string; message: string }[];
}

export type Rule = ResourceRule | StackRule;

export interface Finding {
  ruleId: string;
  severity: Severity;
  mandatory: boolean;
  /** `<type> <name>` of the offending resource, or `stack`. */
  resource: string;
  message: string;
}

/** High and critical findings block a deployment (mandatory in the policy pack, non-zero exit in the plan). */
export const isMandatory = (severity: Severity): boolean => severity === "high" || severity === "critical";

/** Whether a resource rule looks at resources of this type token. */
export const appliesTo = (rule: ResourceRule, type: string): boolean =>
  rule.types.some((t) => (typeof t === "string" ? t === type : t.test(type)));
