/**
 * `atlas-preview-database-users`: confines every `AtlasDatabaseUser` (atlas.mongodb.com/v1) in a preview namespace
 * `pr-<N>` with the user rules (`../userPolicy.ts`) and this kind's project reference: exactly the configured
 * `projectRef`, never an `externalProjectRef`, never another namespace; then the control-surface and lifecycle rules.
 */
import type { AdmissionPolicyParams } from "../params";
import { KIND_NAME, celString } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";
import { userPolicy } from "../userPolicy";
import type { UserKind } from "../userPolicy";

const s = "variables.spec";
/** CEL describing the reference the object carries, for the message. */
const got =
  `(has(${s}.projectRef) ? 'projectRef ' + ${s}.projectRef.name + ' in namespace ' + (has(${s}.projectRef.namespace) ? ${s}.projectRef.namespace : request.namespace) : '')` +
  ` + (has(${s}.projectRef) && has(${s}.externalProjectRef) ? ' and ' : '')` +
  ` + (has(${s}.externalProjectRef) ? 'externalProjectRef ' + ${s}.externalProjectRef.id : '')` +
  ` + (!has(${s}.projectRef) && !has(${s}.externalProjectRef) ? 'no project reference' : '')`;

export const ATLAS_DATABASE_USER: UserKind = {
  policyName: "atlas-preview-database-users",
  title: "Confine AtlasDatabaseUser in preview namespaces",
  generatedBy: "areas/admission/policies/atlas-preview-database-users/policy.ts",
  group: "atlas.mongodb.com",
  version: "v1",
  resource: "atlasdatabaseusers",
  spec: "object.spec",
  authTypeFields: ["awsIamType", "x509Type", "oidcAuthType"],
  project: (p) => {
    const want = `projectRef ${p.project.name} in namespace ${p.project.namespace}`;
    return {
      summary: `references the project only as ${want} (no other namespace, no externalProjectRef)`,
      expression:
        `has(${s}.projectRef) && !has(${s}.externalProjectRef) && ${s}.projectRef.name == ${celString(p.project.name)}` +
        ` && has(${s}.projectRef.namespace) && ${s}.projectRef.namespace == ${celString(p.project.namespace)}`,
      message: `A preview user must reference the Atlas project exactly as ${want}: another reference could run with another project's credentials.`,
      messageExpression: `${KIND_NAME} + ': project reference ' + ${got} + ' is not allowed; preview users must reference exactly ${want} (another reference could run with another project\\'s credentials)'`,
    };
  },
};

export const atlasPreviewDatabaseUsers = (p: AdmissionPolicyParams): AdmissionPolicy =>
  userPolicy(ATLAS_DATABASE_USER, p);
