import { OPERATOR_ORG_ROLE, OPERATOR_PROJECT_ROLE } from "../../../domain/atlas";
import { q, records, strings } from "../../lib/values";
import type { ResourceRule } from "../../types";

const OPERATOR_PROJECT_ROLES: readonly string[] = [OPERATOR_PROJECT_ROLE];
const OPERATOR_ORG_ROLES: readonly string[] = [OPERATOR_ORG_ROLE];

const same = (got: string[], want: readonly string[]) =>
  got.length === want.length && got.every((g, i) => g === want[i]);

/** Type token → the input holding the roles, and the exact roles expected. */
const FIELDS: Readonly<Record<string, { field: string; expected: readonly string[] }>> = {
  "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment": {
    field: "roles",
    expected: OPERATOR_PROJECT_ROLES,
  },
  "mongodbatlas:index/projectServiceAccount:ProjectServiceAccount": {
    field: "roles",
    expected: OPERATOR_PROJECT_ROLES,
  },
  "mongodbatlas:index/apiKeyProjectAssignment:ApiKeyProjectAssignment": {
    field: "roles",
    expected: OPERATOR_PROJECT_ROLES,
  },
  "mongodbatlas:index/serviceAccount:ServiceAccount": { field: "roles", expected: OPERATOR_ORG_ROLES },
  "mongodbatlas:index/apiKey:ApiKey": { field: "roleNames", expected: OPERATOR_ORG_ROLES },
};

export const OperatorCredentialHasExactRoles: ResourceRule = {
  kind: "resource",
  id: "ATLAS-004",
  title:
    "The operator's Atlas credential holds exactly GROUP_DATABASE_ACCESS_ADMIN on the project (and ORG_MEMBER in the org).",
  severity: "critical",
  reason:
    "The Atlas Kubernetes operator only needs to manage database users. Any other project role (GROUP_OWNER, " +
    "GROUP_CLUSTER_MANAGER, GROUP_DATA_ACCESS_*) lets whoever reads the operator's Kubernetes secret change clusters, " +
    "network access or data directly; any org role above ORG_MEMBER reaches other projects.",
  remediation:
    'Set the project assignment\'s roles to ["GROUP_DATABASE_ACCESS_ADMIN"] and the service account\'s org roles to ["ORG_MEMBER"].',
  types: [...Object.keys(FIELDS), "mongodbatlas:index/projectApiKey:ProjectApiKey"],
  check(r) {
    if (r.type === "mongodbatlas:index/projectApiKey:ProjectApiKey") {
      return records(r.inputs.projectAssignments).flatMap(({ index, value }) => {
        const got = strings(value.roleNames);
        return same(got, OPERATOR_PROJECT_ROLES)
          ? []
          : [`projectAssignments[${index}].roleNames is ${q(got)}; must be exactly ${q(OPERATOR_PROJECT_ROLES)}`];
      });
    }
    const { field, expected } = FIELDS[r.type] as { field: string; expected: readonly string[] };
    const got = strings(r.inputs[field]);
    return same(got, expected) ? [] : [`${field} is ${q(got)}; must be exactly ${q(expected)}`];
  },
};
