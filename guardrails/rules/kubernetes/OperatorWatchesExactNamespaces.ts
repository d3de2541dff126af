import { isAtlasOperatorChart, NAMESPACE_NAME } from "../../../domain/kubernetes";
import { isRecord, q, str } from "../../lib/values";
import type { ResourceRule } from "../../types";

export const OperatorWatchesExactNamespaces: ResourceRule = {
  kind: "resource",
  id: "K8S-001",
  title: "The Atlas operator's Helm release lists the namespaces it watches explicitly, and the list is never empty.",
  severity: "critical",
  reason:
    "With an empty watchNamespaces the chart installs a ClusterRole and ClusterRoleBinding and the operator acts on Atlas " +
    "custom resources in every namespace, so anyone who can create an AtlasDatabaseUser anywhere gets an Atlas user. " +
    "The operator reads exact names only (no wildcard).",
  remediation:
    'Set values.watchNamespaces to the exact namespaces, e.g. ["atlas-staging"]; never [], "*" or a pattern.',
  types: ["kubernetes:helm.sh/v3:Release"],
  check(r) {
    if (!isAtlasOperatorChart(str(r.inputs.chart) ?? "")) return [];
    const values = isRecord(r.inputs.values) ? r.inputs.values : {};
    const ns = values.watchNamespaces;
    if (!Array.isArray(ns))
      return [
        `values.watchNamespaces is ${ns === undefined ? "not set" : q(ns)}; it must be a non-empty list of namespace names`,
      ];
    if (ns.length === 0)
      return ["values.watchNamespaces is []; an empty list makes the operator watch every namespace"];
    return ns.flatMap((n, i) =>
      typeof n === "string" && NAMESPACE_NAME.test(n)
        ? []
        : [`values.watchNamespaces[${i}] is ${q(n)}; it must be an exact namespace name`],
    );
  },
};
