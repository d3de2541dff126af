/**
 * `atlas-preview-generated-database-users`: the same rules as `atlas-preview-database-users` (`../userPolicy.ts`)
 * for the generated `DatabaseUser` kind (atlas.generated.mongodb.com/v1), whose user lives in
 * `spec.v20250312.entry`: that shape is required first, LDAP counts as a non-password authentication, and the project
 * must be named as `groupId` (no `groupRef`).
 */
import type { AdmissionPolicyParams } from "../params";
import { KIND_NAME, celString } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";
import { userPolicy } from "../userPolicy";
import type { UserKind } from "../userPolicy";

const g = "object.spec.v20250312";

export const GENERATED_DATABASE_USER: UserKind = {
  policyName: "atlas-preview-generated-database-users",
  title: "Confine DatabaseUser (atlas.generated.mongodb.com) in preview namespaces",
  generatedBy: "areas/admission/policies/atlas-preview-generated-database-users/policy.ts",
  group: "atlas.generated.mongodb.com",
  version: "v1",
  resource: "databaseusers",
  spec: `${g}.entry`,
  shape: {
    id: "spec-shape",
    summary: "has spec.v20250312.entry (the only API version this policy understands)",
    expression: `has(${g}) && has(${g}.entry)`,
    message:
      "A DatabaseUser in a preview namespace must define spec.v20250312.entry; other API versions of the generated kind are refused.",
    messageExpression: `${KIND_NAME} + ': spec.v20250312.entry is missing; the policy only admits the v20250312 user shape'`,
  },
  authTypeFields: ["awsIAMType", "x509Type", "oidcAuthType", "ldapAuthType"],
  project: (p) => {
    const got = `(has(${g}.groupId) ? 'groupId ' + ${g}.groupId : '') + (has(${g}.groupRef) ? ' groupRef ' + ${g}.groupRef.name : '')`;
    return {
      summary: `names the project only as groupId ${p.projectId} (no groupRef)`,
      expression: `has(${g}.groupId) && !has(${g}.groupRef) && ${g}.groupId == ${celString(p.projectId)}`,
      message: `A preview DatabaseUser must name the Atlas project exactly as groupId ${p.projectId}.`,
      messageExpression: `${KIND_NAME} + ': project ' + ${got} + ' is not allowed; preview users must name exactly groupId ${p.projectId}'`,
    };
  },
};

export const atlasPreviewGeneratedDatabaseUsers = (p: AdmissionPolicyParams): AdmissionPolicy =>
  userPolicy(GENERATED_DATABASE_USER, p);
