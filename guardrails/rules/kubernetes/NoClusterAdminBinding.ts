import { isRecord, q } from "../../lib/values";
import type { ResourceRule } from "../../types";

export const NoClusterAdminBinding: ResourceRule = {
  kind: "resource",
  id: "K8S-002",
  title: "The program creates no binding to cluster-admin.",
  severity: "critical",
  reason:
    "cluster-admin is every verb on every resource of the cluster, including the secrets that hold Atlas credentials.",
  remediation:
    "Bind a Role (or ClusterRole) listing the exact verbs and resources the subject needs, in its own namespace.",
  types: [
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  ],
  check(r) {
    const ref = r.inputs.roleRef;
    return isRecord(ref) && ref.name === "cluster-admin"
      ? [`roleRef binds ${q(ref.kind ?? "ClusterRole")} "cluster-admin"`]
      : [];
  },
};
