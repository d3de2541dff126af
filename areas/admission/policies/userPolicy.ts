/**
 * The builder of the preview user policy (`atlas-preview-database-users`): the ordered rules on whichever object holds
 * a user's roles, scopes and username (the policy file describes its kind's field layout as a {@link UserKind}), then
 * the control-surface and lifecycle rules (`./controlSurface.ts`).
 */
import { ALLOWED_DATABASE_ROLES, SYSTEM_DATABASES } from "../../../domain/atlas";
import { PREVIEW_USERNAME_SUFFIX, RESOURCE_POLICY_ANNOTATION } from "../../../domain/kubernetes";
import { CONTROL_VARIABLES, controlSurfaceRules } from "./controlSurface";
import { identityVariables } from "./identity";
import { DANGEROUS_ROLES } from "./params";
import type { AdmissionPolicyParams } from "./params";
import { KIND_NAME, ONLY_PREVIEW_NAMESPACES, celList, celString, validatingPolicy } from "./skeleton";
import type { AdmissionPolicy, PolicyRule, Validation } from "./skeleton";

/** A validation with the rule id and summary it is known by. */
export type UserRule = PolicyRule & Validation;

/** Field layout of one Atlas user kind. */
export interface UserKind {
  policyName: string;
  title: string;
  /** Repository path of the policy file (annotation `atlas-access/generated-by`). */
  generatedBy: string;
  group: string;
  version: string;
  resource: string;
  /** CEL for the object holding roles/scopes/username. */
  spec: string;
  /** A validation only this kind needs before the common ones (e.g. the spec shape). */
  shape?: UserRule;
  /** Fields that select a non-password authentication when set to anything but NONE. */
  authTypeFields: string[];
  /** The project-reference check (rule `project`). */
  project: (p: AdmissionPolicyParams) => Omit<UserRule, "id">;
}

/** The policy confining kind `k` in preview namespaces, for parameters already validated. */
export function userPolicy(k: UserKind, p: AdmissionPolicyParams): AdmissionPolicy {
  const allowed = p.allowedRoles ?? ALLOWED_DATABASE_ROLES;
  const dangerousLower = (p.dangerousRoles ?? DANGEROUS_ROLES).map((r) => r.toLowerCase());
  const protectedDbs = [...new Set([...p.protectedDatabases, ...SYSTEM_DATABASES])];
  const protectedLower = [...new Set(protectedDbs.map((d) => d.toLowerCase()))];
  const suffix = p.usernameSuffix ?? PREVIEW_USERNAME_SUFFIX;
  const s = "variables.spec";
  const who = KIND_NAME;
  const authChecks = k.authTypeFields.map((f) => `(!has(${s}.${f}) || ${s}.${f} == 'NONE')`).join(" && ");
  const authGot = k.authTypeFields.map((f) => `'${f}=' + (has(${s}.${f}) ? ${s}.${f} : 'absent')`).join(" + ', ' + ");
  const scopeList = p.previewClusters.join(", ");
  const annotation = celString(RESOURCE_POLICY_ANNOTATION);

  const validations: UserRule[] = [];
  if (k.shape) validations.push(k.shape);
  validations.push(
    {
      id: "dangerous-roles",
      summary: `no role in ${(p.dangerousRoles ?? DANGEROUS_ROLES).join(", ")} (compared trimmed, case-insensitive)`,
      expression: `variables.roles.all(r, !(r.roleName.trim().lowerAscii() in ${celList(dangerousLower)}))`,
      message: "Preview users cannot hold broad or administrative roles (readWriteAnyDatabase, atlasAdmin, root, ...).",
      messageExpression:
        `${who} + ': role(s) ' + variables.roles.filter(r, r.roleName.trim().lowerAscii() in ${celList(dangerousLower)}).map(r, r.roleName).join(', ')` +
        ` + ' forbidden: preview users cannot hold broad or administrative roles; allowed is ${allowed.join(" or ")} on ' + variables.expectedDatabase`,
    },
    {
      id: "protected-databases",
      summary: `no role on ${protectedDbs.join(", ")} (compared trimmed, case-insensitive)`,
      expression: `variables.roles.all(r, !(r.databaseName.trim().lowerAscii() in ${celList(protectedLower)}))`,
      message: `Preview users cannot access production, staging or system databases (${protectedDbs.join(", ")}).`,
      messageExpression:
        `${who} + ': database(s) ' + variables.roles.filter(r, r.databaseName.trim().lowerAscii() in ${celList(protectedLower)}).map(r, r.databaseName).join(', ')` +
        ` + ' protected: preview users cannot access production, staging or system databases (${protectedDbs.join(", ")})'`,
    },
    {
      id: "role-allowlist",
      summary: `every role is exactly one of ${allowed.join(", ")} (no custom roles)`,
      expression: `size(variables.roles) > 0 && variables.roles.all(r, r.roleName in ${celList(allowed)})`,
      message: `Preview users may only hold the roles ${allowed.join(", ")}.`,
      messageExpression:
        `${who} + ': role(s) ' + variables.roles.filter(r, !(r.roleName in ${celList(allowed)})).map(r, '\\'' + r.roleName + '\\'').join(', ')` +
        ` + ' not allowed: preview users may only hold exactly ${allowed.join(" or ")} (custom roles can carry any privilege)'`,
    },
    {
      id: "own-database",
      summary: `every role is on exactly ${p.databasePrefix}<N>, N from the namespace pr-<N>`,
      expression: "variables.roles.all(r, r.databaseName == variables.expectedDatabase)",
      message: `A preview user in pr-<N> may only reach the database ${p.databasePrefix}<N>.`,
      messageExpression:
        `${who} + ': database(s) ' + variables.roles.filter(r, r.databaseName != variables.expectedDatabase).map(r, '\\'' + r.databaseName + '\\'').join(', ')` +
        ` + ' not allowed: a user in ' + request.namespace + ' may only reach ' + variables.expectedDatabase`,
    },
    {
      id: "scopes",
      summary: `scopes present and only CLUSTER ${scopeList}`,
      expression: `size(variables.scopes) > 0 && variables.scopes.all(s, s.type == 'CLUSTER' && s.name in ${celList(p.previewClusters)})`,
      message: `A preview user must be scoped to the preview cluster(s) only (CLUSTER ${scopeList}); without scopes it reaches every cluster of the project.`,
      messageExpression:
        `${who} + (size(variables.scopes) == 0 ? ': no scopes: without scopes the user reaches every cluster and data lake of the project'` +
        ` : ': scope(s) ' + variables.scopes.filter(s, !(s.type == 'CLUSTER' && s.name in ${celList(p.previewClusters)})).map(s, s.type + ' ' + s.name).join(', ') + ' not allowed')` +
        ` + '; preview users must be scoped to CLUSTER ${scopeList} only'`,
    },
    {
      id: "username",
      summary: `username is exactly ${p.usernamePrefix}<N>${suffix}`,
      expression: `has(${s}.username) && ${s}.username == variables.expectedUsername`,
      message: `A preview user in pr-<N> must be named ${p.usernamePrefix}<N>${suffix}: another name could take over or delete an existing Atlas user.`,
      messageExpression:
        `${who} + ': username ' + (has(${s}.username) ? '\\'' + ${s}.username + '\\'' : '(none)') + ' is not ' + variables.expectedUsername` +
        ` + ': another name could take over or delete an existing Atlas user'`,
    },
    { id: "project", ...k.project(p) },
    {
      id: "password-user",
      summary: `a password user: ${k.authTypeFields.join(", ")} absent or NONE, passwordSecretRef set, auth database admin`,
      expression: `${authChecks} && has(${s}.passwordSecretRef) && (!has(${s}.databaseName) || ${s}.databaseName == 'admin')`,
      message: "A preview user must be a password (SCRAM) user: no AWS IAM, x509, OIDC or LDAP authentication.",
      messageExpression:
        `${who} + ': must be a password (SCRAM) user with passwordSecretRef and auth database admin; got ' + ${authGot}` +
        ` + ', passwordSecretRef ' + (has(${s}.passwordSecretRef) ? 'set' : 'absent') + ', databaseName ' + (has(${s}.databaseName) ? ${s}.databaseName : 'absent')`,
    },
    {
      id: "delete-annotation",
      summary: `annotated ${RESOURCE_POLICY_ANNOTATION}: delete`,
      expression: `${annotation} in variables.annotations && variables.annotations[${annotation}] == 'delete'`,
      message: `A preview user must carry the annotation ${RESOURCE_POLICY_ANNOTATION}: delete, or deleting the preview leaves the user in Atlas.`,
      messageExpression:
        `${who} + ': annotation ${RESOURCE_POLICY_ANNOTATION} is ' + (${annotation} in variables.annotations ? '\\'' + variables.annotations[${annotation}] + '\\'' : 'absent')` +
        ` + '; it must be delete, or deleting the preview leaves the user in Atlas'`,
    },
    ...controlSurfaceRules(s),
  );

  return validatingPolicy({
    name: k.policyName,
    title: k.title,
    generatedBy: k.generatedBy,
    resources: [{ apiGroups: [k.group], apiVersions: [k.version], resources: [k.resource] }],
    matchConditions: [ONLY_PREVIEW_NAMESPACES],
    variables: [
      ...identityVariables(p.writers),
      ...CONTROL_VARIABLES,
      { name: "spec", expression: k.spec },
      { name: "roles", expression: `has(${s}.roles) ? ${s}.roles : []` },
      { name: "scopes", expression: `has(${s}.scopes) ? ${s}.scopes : []` },
      { name: "annotations", expression: "has(object.metadata.annotations) ? object.metadata.annotations : {}" },
      { name: "pullRequest", expression: "request.namespace.substring(3)" },
      { name: "expectedDatabase", expression: `${celString(p.databasePrefix)} + variables.pullRequest` },
      {
        name: "expectedUsername",
        expression: `${celString(p.usernamePrefix)} + variables.pullRequest + ${celString(suffix)}`,
      },
    ],
    validations,
  });
}
