/**
 * Who the operator is to the API server: the service account the `mongodb-atlas-operator` chart runs it as, derived
 * from the release's values the way the chart's `mongodb-atlas-operator.serviceAccountName` helper does
 * (mongodb/helm-charts `charts/atlas-operator/templates/_helpers.tpl`): with `serviceAccount.create` (the default)
 * the name is `serviceAccount.name`, else `nameOverride`, else the chart name; without it, `serviceAccount.name` or
 * `default`. The account lives in the release's namespace. Admission admits status and finalizer writes from it alone.
 */
import { ATLAS_OPERATOR_CHART, serviceAccountUsername } from "../../domain/kubernetes";

/** The chart values that decide the service account (the rest of the values do not matter here). */
export interface ServiceAccountValues {
  nameOverride?: string;
  serviceAccount?: { create?: boolean; name?: string };
  [value: string]: unknown;
}

/** The operator's service account name in its namespace. */
export function operatorServiceAccountName(values: ServiceAccountValues): string {
  const sa = values.serviceAccount ?? {};
  if (sa.create === false) return sa.name || "default";
  // The chart truncates the name to 63 characters and trims a trailing '-'.
  const name = values.nameOverride || ATLAS_OPERATOR_CHART;
  return sa.name || name.slice(0, 63).replace(/-$/, "");
}

/** `system:serviceaccount:<namespace>:<name>`: the username of every request the operator makes. */
export const operatorServiceAccount = (namespace: string, values: ServiceAccountValues): string =>
  serviceAccountUsername(namespace, operatorServiceAccountName(values));
