import { view, type RuleCases } from "../../cases";

/** A `kind` binding named `name` to the ClusterRole `roleName`. */
const binding = (kind: "ClusterRoleBinding" | "RoleBinding", roleName: string, name = "b") =>
  view(
    `kubernetes:rbac.authorization.k8s.io/v1:${kind}`,
    {
      metadata: { name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
      subjects: [],
    },
    name,
  );

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "a ClusterRoleBinding and a RoleBinding to cluster-admin",
      resources: [binding("ClusterRoleBinding", "cluster-admin", "crb"), binding("RoleBinding", "cluster-admin", "rb")],
      findings: [
        'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding crb: roleRef binds "ClusterRole" "cluster-admin"',
        'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding rb: roleRef binds "ClusterRole" "cluster-admin"',
      ],
    },
  ],
  compliant: [
    {
      name: "bindings to a narrow ClusterRole",
      resources: [binding("ClusterRoleBinding", "atlas-reader"), binding("RoleBinding", "atlas-reader", "rb")],
    },
  ],
};
