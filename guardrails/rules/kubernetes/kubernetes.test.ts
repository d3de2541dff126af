import { findingsOf, view } from "../../testing";
import { K8S_001, K8S_002, K8S_003 } from ".";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const operator = (values: Record<string, unknown> | undefined, chart = "mongodb-atlas-operator", name = "op") =>
  view(
    RELEASE,
    {
      chart,
      version: "2.15.1",
      namespace: "atlas-operator",
      repositoryOpts: { repo: "https://mongodb.github.io/helm-charts" },
      values,
    },
    name,
  );

describe("K8S-001: the operator's watch list is explicit and never empty", () => {
  test("Noncompliance 1: unset, empty, a pattern and a comma-joined string", () => {
    expect(
      findingsOf(
        K8S_001,
        operator(undefined, "mongodb-atlas-operator", "unset"),
        operator({ watchNamespaces: [] }, "mongodb/mongodb-atlas-operator", "empty"),
        operator({ watchNamespaces: ["atlas-staging", "pr-*"] }, "mongodb-atlas-operator", "glob"),
        operator({ watchNamespaces: "a,b" }, "mongodb-atlas-operator", "text"),
      ),
    ).toEqual([
      "kubernetes:helm.sh/v3:Release unset: values.watchNamespaces is not set; it must be a non-empty list of namespace names",
      "kubernetes:helm.sh/v3:Release empty: values.watchNamespaces is []; an empty list makes the operator watch every namespace",
      'kubernetes:helm.sh/v3:Release glob: values.watchNamespaces[1] is "pr-*"; it must be an exact namespace name',
      'kubernetes:helm.sh/v3:Release text: values.watchNamespaces is "a,b"; it must be a non-empty list of namespace names',
    ]);
  });
  test("Compliance: exact namespaces; other charts are not looked at", () => {
    expect(
      findingsOf(
        K8S_001,
        operator({ watchNamespaces: ["atlas-staging", "atlas-prod"] }),
        operator({}, "kyverno", "kyverno"),
      ),
    ).toEqual([]);
  });
});

describe("K8S-002: no binding to cluster-admin", () => {
  const binding = (type: string, roleName: string, name = "b") =>
    view(
      `kubernetes:rbac.authorization.k8s.io/v1:${type}`,
      {
        metadata: { name },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
        subjects: [],
      },
      name,
    );
  test("Noncompliance 1: a ClusterRoleBinding and a RoleBinding to cluster-admin", () => {
    expect(
      findingsOf(
        K8S_002,
        binding("ClusterRoleBinding", "cluster-admin", "crb"),
        binding("RoleBinding", "cluster-admin", "rb"),
      ),
    ).toEqual([
      'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding crb: roleRef binds "ClusterRole" "cluster-admin"',
      'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding rb: roleRef binds "ClusterRole" "cluster-admin"',
    ]);
  });
  test("Compliance: a binding to a narrow ClusterRole", () => {
    expect(findingsOf(K8S_002, binding("ClusterRoleBinding", "atlas-reader"))).toEqual([]);
  });
});

describe("K8S-003: admission policies deny, not audit", () => {
  const vpol = (actions: unknown, name = "vp", version = "v1") =>
    view(
      `kubernetes:policies.kyverno.io/${version}:ValidatingPolicy`,
      { apiVersion: `policies.kyverno.io/${version}`, kind: "ValidatingPolicy", spec: { validationActions: actions } },
      name,
    );
  test("Noncompliance 1: ValidatingPolicy in Audit, unset, and a ValidatingAdmissionPolicyBinding with Warn", () => {
    const vapb = view(
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
      { spec: { policyName: "x", validationActions: ["Warn"] } },
      "vapb",
    );
    expect(findingsOf(K8S_003, vpol(["Audit"], "audit"), vpol(undefined, "unset", "v1beta1"), vapb)).toEqual([
      'kubernetes:policies.kyverno.io/v1:ValidatingPolicy audit: spec.validationActions is ["Audit"]; it must include "Deny"',
      'kubernetes:policies.kyverno.io/v1beta1:ValidatingPolicy unset: spec.validationActions is []; it must include "Deny"',
      'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding vapb: spec.validationActions is ["Warn"]; it must include "Deny"',
    ]);
  });
  test("Noncompliance 2: a Kyverno ClusterPolicy defaulting to Audit", () => {
    const cp = view(
      "kubernetes:kyverno.io/v1:ClusterPolicy",
      {
        spec: {
          rules: [
            { name: "no-admin", validate: { message: "m" } },
            { name: "mutate-only", mutate: {} },
          ],
        },
      },
      "cp",
    );
    expect(findingsOf(K8S_003, cp)).toEqual([
      'kubernetes:kyverno.io/v1:ClusterPolicy cp: spec.rules[0] ("no-admin") fails with "Audit"; it must be "Enforce"',
    ]);
  });
  test("Compliance: Deny (with Audit alongside), and a ClusterPolicy with Enforce", () => {
    const cp = view(
      "kubernetes:kyverno.io/v1:ClusterPolicy",
      { spec: { validationFailureAction: "Enforce", rules: [{ name: "r", validate: {} }] } },
      "cp",
    );
    expect(findingsOf(K8S_003, vpol(["Deny"]), vpol(["Deny", "Audit"], "both"), cp)).toEqual([]);
  });
});
