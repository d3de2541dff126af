/**
 * Kubernetes' own ValidatingAdmissionPolicy, evaluated by the same harness as Kyverno's ValidatingPolicy: a policy
 * applies only through a ValidatingAdmissionPolicyBinding that names it, and the binding carries the validation
 * actions (kubernetes/apiserver `pkg/admission/plugin/policy/validating`). The CEL variables, the matcher and the
 * order (match conditions, variables, validations) are the ones Kyverno reuses, so one evaluator serves both.
 */
import type { PolicyDocument } from "./kyverno";

interface Vap {
  metadata: { name: string };
  /** The policy's spec; whatever the harness does not support is refused by `evaluatePolicy`. */
  spec: object;
}
interface Binding {
  metadata: { name: string };
  spec: { policyName?: string; validationActions?: string[] };
}

/** Each bound policy as the harness's document; a binding's matchResources or paramRef is not supported (throws). */
export function nativeDocuments(policies: readonly Vap[], bindings: readonly Binding[]): PolicyDocument[] {
  return bindings.map((b) => {
    const unsupported = Object.keys(b.spec).filter((k) => k !== "policyName" && k !== "validationActions");
    const actions = b.spec.validationActions ?? [];
    if (unsupported.length > 0) {
      throw new Error(`binding ${b.metadata.name}: ${unsupported.join(", ")} not supported by the offline harness`);
    }
    const policy = policies.find((p) => p.metadata.name === b.spec.policyName);
    if (!policy) throw new Error(`binding ${b.metadata.name} names no policy: ${String(b.spec.policyName)}`);
    if (actions.length === 0) throw new Error(`binding ${b.metadata.name} has no validationActions`);
    const spec = { ...(policy.spec as PolicyDocument["spec"]), validationActions: actions };
    return { metadata: policy.metadata, spec };
  });
}
