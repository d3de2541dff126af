import { mutate, view, type RuleCases } from "../../cases";

const validatingPolicy = view(
  "kubernetes:policies.kyverno.io/v1:ValidatingPolicy",
  { apiVersion: "policies.kyverno.io/v1", kind: "ValidatingPolicy", spec: { validationActions: ["Deny"] } },
  "vp",
);
const clusterPolicy = view(
  "kubernetes:kyverno.io/v1:ClusterPolicy",
  { spec: { validationFailureAction: "Enforce", rules: [{ name: "r", validate: {} }] } },
  "cp",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "ValidatingPolicy in Audit, unset, and a ValidatingAdmissionPolicyBinding with Warn",
      resources: [
        mutate(validatingPolicy, { spec: { validationActions: ["Audit"] } }, "audit"),
        view(
          "kubernetes:policies.kyverno.io/v1beta1:ValidatingPolicy",
          {
            apiVersion: "policies.kyverno.io/v1beta1",
            kind: "ValidatingPolicy",
            spec: { validationActions: undefined },
          },
          "unset",
        ),
        view(
          "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
          { spec: { policyName: "x", validationActions: ["Warn"] } },
          "vapb",
        ),
      ],
      findings: [
        'kubernetes:policies.kyverno.io/v1:ValidatingPolicy audit: spec.validationActions is ["Audit"]; it must include "Deny"',
        'kubernetes:policies.kyverno.io/v1beta1:ValidatingPolicy unset: spec.validationActions is []; it must include "Deny"',
        'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding vapb: spec.validationActions is ["Warn"]; it must include "Deny"',
      ],
    },
    {
      name: "a Kyverno ClusterPolicy defaulting to Audit",
      resources: [
        mutate(clusterPolicy, {
          spec: {
            rules: [
              { name: "no-admin", validate: { message: "m" } },
              { name: "mutate-only", mutate: {} },
            ],
          },
        }),
      ],
      findings: [
        'kubernetes:kyverno.io/v1:ClusterPolicy cp: spec.rules[0] ("no-admin") fails with "Audit"; it must be "Enforce"',
      ],
    },
  ],
  compliant: [
    {
      name: "Deny (with Audit alongside), and a ClusterPolicy with Enforce",
      resources: [
        validatingPolicy,
        mutate(validatingPolicy, { spec: { validationActions: ["Deny", "Audit"] } }, "both"),
        clusterPolicy,
      ],
    },
  ],
};
