/**
 * The rulebook (../guardrails) as Pulumi policies. Each resource rule becomes a ResourceValidationPolicy and each stack
 * rule a StackValidationPolicy; high and critical rules are mandatory, the others advisory. This module has no side
 * effect: `index.ts` is the only file that constructs the PolicyPack (which starts a gRPC server).
 */
import type {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Secret } from "@pulumi/policy";
import { rules as allRules } from "../guardrails/rules";
import type { ResourceView, Rule } from "../guardrails/types";
import { appliesTo, isMandatory } from "../guardrails/types";

export const POLICY_PACK_NAME = "atlas-access-guardrails";

/** Policy name of a rule: its id in lower case (`IAM-001` → `iam-001`). */
export const policyName = (rule: Rule): string => rule.id.toLowerCase();

/**
 * Props as a rule expects them: secrets (`Secret` in a real pack) read as their plain value, lazily, so that a value
 * unknown during preview only stops the rules that actually read it (the engine then reports "can't run ... during
 * preview" for that policy, as advisory).
 */
export function plainView(value: unknown): unknown {
  if (value instanceof Secret) return plainView(value.value);
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value, { get: (target, prop, receiver) => plainView(Reflect.get(target, prop, receiver)) });
}

const nameOfUrn = (urn: string | undefined): string | null => (urn ? (urn.split("::").pop() ?? urn) : null);

function resourceView(
  r: { type: string; name: string; props: Record<string, unknown> },
  parent: string | null,
): ResourceView {
  return { type: r.type, name: r.name, parent, inputs: plainView(r.props) as Record<string, unknown> };
}

function base(rule: Rule): {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Rule["severity"];
  remediationSteps: string;
} {
  return {
    name: policyName(rule),
    description: `${rule.id}: ${rule.title} ${rule.reason}`,
    enforcementLevel: isMandatory(rule.severity) ? "mandatory" : "advisory",
    severity: rule.severity,
    remediationSteps: rule.remediation,
  };
}

export function toPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
  if (rule.kind === "resource") {
    return {
      ...base(rule),
      validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!appliesTo(rule, args.type)) return args.notApplicable(`${rule.id} does not look at ${args.type}`);
        for (const message of rule.check(resourceView(args, nameOfUrn(args.opts.parent)))) report(message);
      },
    };
  }
  return {
    ...base(rule),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const urns = new Map<string, string>();
      const views = args.resources.map((r: PolicyResource) => {
        const label = `${r.type} ${r.name}`;
        if (!urns.has(label)) urns.set(label, r.urn);
        return resourceView(r, r.parent?.name ?? null);
      });
      for (const f of rule.check(views)) report(f.message, urns.get(f.resource));
    },
  };
}

/** Every rule of the rulebook, as policies, in rulebook order. */
export const buildPolicies = (
  rules: readonly Rule[] = allRules,
): (ResourceValidationPolicy | StackValidationPolicy)[] => rules.map(toPolicy);

export const policies = buildPolicies();
