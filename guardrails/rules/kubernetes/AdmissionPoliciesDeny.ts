import { isRecord, q, records, str, strings } from "../../lib/values";
import type { ResourceRule } from "../../types";

const VALIDATION_ACTIONS_TYPES = [
  /^kubernetes:policies\.kyverno\.io\/[a-z0-9]+:(Namespaced)?ValidatingPolicy$/,
  /^kubernetes:admissionregistration\.k8s\.io\/[a-z0-9]+:ValidatingAdmissionPolicyBinding$/,
];
const KYVERNO_LEGACY = /^kubernetes:kyverno\.io\/[a-z0-9]+:(Cluster)?Policy$/;

export const AdmissionPoliciesDeny: ResourceRule = {
  kind: "resource",
  id: "K8S-003",
  title: "Every admission policy the program creates denies violations (Deny / Enforce), not only audits them.",
  severity: "high",
  reason:
    "An admission policy in Audit (or Warn) mode lets the violating object in; the guardrail it describes then exists only in a report.",
  remediation:
    'Set spec.validationActions to ["Deny"] (Kyverno ValidatingPolicy, ValidatingAdmissionPolicyBinding) or failureAction "Enforce" (Kyverno ClusterPolicy).',
  types: [...VALIDATION_ACTIONS_TYPES, KYVERNO_LEGACY],
  check(r) {
    const spec = isRecord(r.inputs.spec) ? r.inputs.spec : {};
    if (!KYVERNO_LEGACY.test(r.type)) {
      const actions = strings(spec.validationActions);
      return actions.includes("Deny") ? [] : [`spec.validationActions is ${q(actions)}; it must include "Deny"`];
    }
    const top = str(spec.validationFailureAction);
    const out: string[] = [];
    for (const { index, value } of records(spec.rules)) {
      if (!isRecord(value.validate)) continue;
      const action = str(value.validate.failureAction) ?? top ?? "Audit";
      if (action.toLowerCase() !== "enforce")
        out.push(`spec.rules[${index}] (${q(value.name)}) fails with ${q(action)}; it must be "Enforce"`);
    }
    return out;
  },
};
