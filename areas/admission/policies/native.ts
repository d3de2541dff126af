/**
 * The same policies for Kubernetes' own admission: each Kyverno `ValidatingPolicy` becomes a
 * `ValidatingAdmissionPolicy` and a `ValidatingAdmissionPolicyBinding` (`admissionregistration.k8s.io/v1`, GA in
 * Kubernetes 1.30), with the same match rules, match conditions, variables and validations: Kyverno evaluates these
 * with Kubernetes' own CEL environment and matcher, so the rules mean the same under both engines. Validation actions
 * live on the binding. No controller besides the API server is needed.
 */
import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingAdmissionPolicyBindingSpec,
  ValidatingAdmissionPolicySpec,
} from "kubernetes-types/admissionregistration/v1";
import type { AdmissionPolicy, NamedExpression, ResourceRule, Validation } from "./skeleton";

/**
 * A ValidatingAdmissionPolicy as emitted: the Kubernetes 1.30 API type (package `kubernetes-types` 1.30.0, generated
 * from Kubernetes' OpenAPI), with the fields this program always sets made required. The type check (`npm run
 * check`) refuses a field or value type the 1.30 API does not have.
 */
export interface ValidatingAdmissionPolicyManifest extends ValidatingAdmissionPolicy {
  apiVersion: "admissionregistration.k8s.io/v1";
  kind: "ValidatingAdmissionPolicy";
  metadata: { name: string; annotations: Record<string, string> };
  spec: ValidatingAdmissionPolicySpec & {
    failurePolicy: "Fail" | "Ignore";
    matchConstraints: { resourceRules: ResourceRule[] };
    matchConditions?: NamedExpression[];
    variables?: NamedExpression[];
    validations: Validation[];
  };
}

/** A ValidatingAdmissionPolicyBinding as emitted (the Kubernetes 1.30 API type, narrowed likewise). */
export interface ValidatingAdmissionPolicyBindingManifest extends ValidatingAdmissionPolicyBinding {
  apiVersion: "admissionregistration.k8s.io/v1";
  kind: "ValidatingAdmissionPolicyBinding";
  metadata: { name: string };
  spec: ValidatingAdmissionPolicyBindingSpec & {
    policyName: string;
    validationActions: ("Deny" | "Warn" | "Audit")[];
  };
}

export interface NativeAdmissionPolicy {
  name: string;
  policy: ValidatingAdmissionPolicyManifest;
  binding: ValidatingAdmissionPolicyBindingManifest;
}

/** The native form of one policy: the same rules, the binding carrying its validation actions. */
export function nativePolicy(p: AdmissionPolicy): NativeAdmissionPolicy {
  const { validationActions, failurePolicy, matchConstraints, matchConditions, variables, validations } =
    p.manifest.spec;
  return {
    name: p.name,
    policy: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name: p.name, annotations: { ...p.manifest.metadata.annotations } },
      spec: {
        failurePolicy,
        matchConstraints,
        ...(matchConditions ? { matchConditions } : {}),
        ...(variables ? { variables } : {}),
        validations,
      },
    },
    binding: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name: p.name },
      spec: { policyName: p.name, validationActions },
    },
  };
}
