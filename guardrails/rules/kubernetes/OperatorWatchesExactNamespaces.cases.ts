import { mutate, view, type RuleCases } from "../../cases";

const operator = view(
  "kubernetes:helm.sh/v3:Release",
  {
    chart: "mongodb-atlas-operator",
    version: "2.15.1",
    namespace: "atlas-operator",
    repositoryOpts: { repo: "https://mongodb.github.io/helm-charts" },
    values: { watchNamespaces: ["atlas-staging", "atlas-prod"] },
  },
  "op",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "unset, empty, a pattern and a comma-joined string",
      resources: [
        mutate(operator, { values: undefined }, "unset"),
        mutate(operator, { chart: "mongodb/mongodb-atlas-operator", values: { watchNamespaces: [] } }, "empty"),
        mutate(operator, { values: { watchNamespaces: ["atlas-staging", "pr-*"] } }, "glob"),
        mutate(operator, { values: { watchNamespaces: "a,b" } }, "text"),
      ],
      findings: [
        "kubernetes:helm.sh/v3:Release unset: values.watchNamespaces is not set; it must be a non-empty list of namespace names",
        "kubernetes:helm.sh/v3:Release empty: values.watchNamespaces is []; an empty list makes the operator watch every namespace",
        'kubernetes:helm.sh/v3:Release glob: values.watchNamespaces[1] is "pr-*"; it must be an exact namespace name',
        'kubernetes:helm.sh/v3:Release text: values.watchNamespaces is "a,b"; it must be a non-empty list of namespace names',
      ],
    },
  ],
  compliant: [
    {
      name: "exact namespaces; other charts are not looked at",
      resources: [operator, mutate(operator, { chart: "kyverno", values: {} }, "kyverno")],
    },
  ],
};
