/**
 * The Kyverno Helm release's values (pure, so the offline evaluator models the Kyverno that is installed).
 *
 * High availability per the Kyverno installation guide: the admission controller (which serves the webhook every
 * Atlas request goes through, with failurePolicy Fail) at 3 replicas, the other controllers at 2.
 *
 * `config.excludeGroups` is emptied: the chart's default `[system:nodes]` makes Kyverno admit every request from a
 * node's credentials without evaluating any policy (kyverno/kyverno v1.19.0 `pkg/webhooks/handlers/filter.go`,
 * `charts/kyverno/values.yaml`); the writers policy must judge every identity.
 */
export const KYVERNO_VALUES = {
  admissionController: { replicas: 3 },
  backgroundController: { replicas: 2 },
  cleanupController: { replicas: 2 },
  reportsController: { replicas: 2 },
  config: { excludeGroups: [] as string[] },
};
