/**
 * Kyverno `policies.kyverno.io/v1` ValidatingPolicies that confine every Atlas resource in a preview namespace
 * `pr-<N>`. Pure: parameters in, plain manifests out. The Pulumi component, the offline harness, the attack corpus
 * and the Kyverno CLI suites all use these exact objects.
 *
 * CEL is restricted to what Kyverno and `@bufbuild/cel` (+ strings extension) share: core macros, `has`, `in`,
 * `matches`, `startsWith`, `size`, `substring`, `trim`, `lowerAscii`, `join`, `string`. No `.?`/`orValue`,
 * `cel.bind`, list/set extensions or Kyverno libraries ({@link PORTABLE_FUNCTIONS} is checked by the tests).
 */

import { ALLOWED_DATABASE_ROLES, ATLAS_ID, CLUSTER_NAME, FORBIDDEN_ROLES, SYSTEM_DATABASES } from "../../domain/atlas";
import {
  NAMESPACE_NAME,
  PREVIEW_NAMESPACE_PATTERN,
  PREVIEW_USERNAME_SUFFIX,
  RESOURCE_POLICY_ANNOTATION,
  isPreviewNamespace,
} from "../../domain/kubernetes";

/**
 * Roles a preview user must never hold, compared trimmed and lower-cased so `ReadWriteAnyDatabase` or `root ` are
 * caught with this clear message (the allowlist would refuse them anyway): the seed's list, every role the rulebook
 * forbids (`domain/atlas.ts`; `__system` cannot be named here and the allowlist refuses it), and the
 * database-administration roles no preview user needs.
 */
export const DANGEROUS_ROLES: readonly string[] = [
  ...new Set([
    "atlasAdmin",
    "readWriteAnyDatabase",
    "readAnyDatabase",
    "dbAdminAnyDatabase",
    "userAdminAnyDatabase",
    ...Object.keys(FORBIDDEN_ROLES).filter((role) => !role.startsWith("__")),
    "dbAdmin",
    "dbOwner",
    "userAdmin",
    "killOpSession",
  ]),
];

/** Databases no preview may reach besides the environments' own: MongoDB's system databases. */

/** How a preview user must reference the Atlas project. */
export type ProjectReference =
  /** An `AtlasProject` resource (e.g. in the operator's namespace, so no credential lives in the preview namespace). */
  | { kind: "projectRef"; name: string; namespace: string }
  /** The Atlas project id directly (`externalProjectRef.id`; the CRD then requires a `connectionSecret`). */
  | { kind: "external"; projectId: string };

export interface AdmissionPolicyParams {
  /** Preview database prefix: pull request N may reach only `<databasePrefix><N>`. */
  databasePrefix: string;
  /** Preview username prefix: the user of pull request N is `<usernamePrefix><N><usernameSuffix>`. */
  usernamePrefix: string;
  /** Preview username suffix. @default "_app" */
  usernameSuffix?: string;
  /** Clusters preview users may be scoped to (type `CLUSTER`). */
  previewClusters: readonly string[];
  /** Databases of the long-lived environments (production, staging); the system databases are always added. */
  protectedDatabases: readonly string[];
  /** The project reference every `AtlasDatabaseUser` in a preview namespace must carry. */
  project: ProjectReference;
  /** The Atlas project id the generated `DatabaseUser` kind must name in `groupId`. */
  projectId: string;
  /** The operator's namespace: the only place besides previews where Atlas users are admitted. */
  operatorNamespace: string;
  /** Roles a preview user may hold. @default ["read", "readWrite"] */
  allowedRoles?: readonly string[];
  /** Roles denied explicitly with their own message. @default {@link DANGEROUS_ROLES} */
  dangerousRoles?: readonly string[];
}

/** One validation of a policy, in order: `rules[i]` describes `spec.validations[i]`. */
export interface PolicyRule {
  /** Stable id used by the corpus expectations, e.g. `dangerous-roles`. */
  id: string;
  /** One line for the plan summary. */
  summary: string;
}

export interface ValidatingPolicyManifest {
  apiVersion: "policies.kyverno.io/v1";
  kind: "ValidatingPolicy";
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    validationActions: ("Deny" | "Audit" | "Warn")[];
    failurePolicy: "Fail" | "Ignore";
    evaluation?: { background?: { enabled: boolean } };
    matchConstraints: {
      resourceRules: { apiGroups: string[]; apiVersions: string[]; resources: string[]; operations: string[] }[];
    };
    matchConditions?: { name: string; expression: string }[];
    variables?: { name: string; expression: string }[];
    validations: { expression: string; message: string; messageExpression?: string }[];
  };
}

export interface AdmissionPolicy {
  name: string;
  rules: PolicyRule[];
  manifest: ValidatingPolicyManifest;
}

/** Thrown for bad generator parameters: names the parameter, the bad value and what would be accepted. */
export class AdmissionParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdmissionParamsError";
  }
}

/** The functions (besides operators and macros) the emitted CEL may call: present in Kyverno and @bufbuild/cel. */
export const PORTABLE_FUNCTIONS: readonly string[] = [
  "size",
  "matches",
  "startsWith",
  "endsWith",
  "contains",
  "substring",
  "trim",
  "lowerAscii",
  "join",
  "string",
  "int",
  "split",
  "indexOf",
];

/** A CEL string literal. Parameters are validated to safe characters first; escaping is a second line of defence. */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
const celList = (values: readonly string[]) => `[${values.map(celString).join(", ")}]`;

const SAFE = {
  databasePrefix: /^[a-z][a-z0-9_]{0,40}$/,
  usernamePrefix: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/,
  usernameSuffix: /^[A-Za-z0-9_.-]{0,20}$/,
  cluster: CLUSTER_NAME,
  database: /^[A-Za-z0-9_$-]{1,64}$/,
  k8sName: NAMESPACE_NAME,
  projectId: ATLAS_ID,
  role: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
};

function check(ok: boolean, param: string, value: unknown, expected: string): void {
  if (!ok) throw new AdmissionParamsError(`buildAdmissionPolicies: ${param} is ${JSON.stringify(value)}; ${expected}`);
}

function checkList(values: readonly string[], param: string, re: RegExp, expected: string, nonEmpty: boolean): void {
  check(
    Array.isArray(values) && (!nonEmpty || values.length > 0),
    param,
    values,
    `must be a${nonEmpty ? " non-empty" : ""} list: ${expected}`,
  );
  values.forEach((v, i) => check(typeof v === "string" && re.test(v), `${param}[${i}]`, v, expected));
}

function validate(p: AdmissionPolicyParams): void {
  check(
    SAFE.databasePrefix.test(p.databasePrefix),
    "databasePrefix",
    p.databasePrefix,
    "must be lowercase letters, digits and '_', starting with a letter (e.g. syrf_pr_)",
  );
  check(
    SAFE.usernamePrefix.test(p.usernamePrefix),
    "usernamePrefix",
    p.usernamePrefix,
    "must be letters, digits, '_', '.' or '-' (e.g. syrf_pr_)",
  );
  check(
    SAFE.usernameSuffix.test(p.usernameSuffix ?? PREVIEW_USERNAME_SUFFIX),
    "usernameSuffix",
    p.usernameSuffix,
    "must be letters, digits, '_', '.' or '-' (e.g. _app)",
  );
  checkList(p.previewClusters, "previewClusters", SAFE.cluster, "Atlas cluster names (letters, digits, '-')", true);
  checkList(p.protectedDatabases, "protectedDatabases", SAFE.database, "database names", true);
  check(
    SAFE.k8sName.test(p.operatorNamespace),
    "operatorNamespace",
    p.operatorNamespace,
    "must be a Kubernetes namespace name (e.g. mongodb-atlas-system)",
  );
  check(
    !isPreviewNamespace(p.operatorNamespace),
    "operatorNamespace",
    p.operatorNamespace,
    "must not look like a preview namespace pr-<N>",
  );
  check(
    SAFE.projectId.test(p.projectId),
    "projectId",
    p.projectId,
    "must be the Atlas project id: 24 lowercase hexadecimal characters",
  );
  if (p.project.kind === "projectRef") {
    check(
      SAFE.k8sName.test(p.project.name),
      "project.name",
      p.project.name,
      "must be the AtlasProject resource name (a Kubernetes name)",
    );
    check(
      SAFE.k8sName.test(p.project.namespace),
      "project.namespace",
      p.project.namespace,
      "must be a Kubernetes namespace name",
    );
  } else {
    check(
      SAFE.projectId.test(p.project.projectId),
      "project.projectId",
      p.project.projectId,
      "must be the Atlas project id: 24 lowercase hexadecimal characters",
    );
  }
  checkList(p.allowedRoles ?? ALLOWED_DATABASE_ROLES, "allowedRoles", SAFE.role, "built-in role names", true);
  checkList(p.dangerousRoles ?? DANGEROUS_ROLES, "dangerousRoles", SAFE.role, "role names", false);
  const dangerous = new Set((p.dangerousRoles ?? DANGEROUS_ROLES).map((r) => r.toLowerCase()));
  for (const role of p.allowedRoles ?? []) {
    check(
      !dangerous.has(role.toLowerCase()),
      "allowedRoles",
      p.allowedRoles,
      `must not contain ${role}: it is a dangerous role`,
    );
  }
  const protectedLower = new Set([...p.protectedDatabases, ...SYSTEM_DATABASES].map((d) => d.toLowerCase()));
  for (const d of protectedLower) {
    check(
      !(d.startsWith(p.databasePrefix) && /^[0-9]+$/.test(d.slice(p.databasePrefix.length))),
      "databasePrefix",
      p.databasePrefix,
      `must not produce the protected database ${d}`,
    );
  }
}

/** Field layout of one Atlas user kind. */
interface UserKind {
  policyName: string;
  title: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  /** CEL for the object holding roles/scopes/username. */
  spec: string;
  /** Validations that only this kind needs before the common ones (e.g. the spec shape). */
  shape?: { id: string; summary: string; expression: string; message: string; messageExpression: string };
  /** Fields that select a non-password authentication when set to anything but NONE. */
  authTypeFields: string[];
  /** The project-reference check. */
  project: (p: AdmissionPolicyParams) => {
    summary: string;
    expression: string;
    message: string;
    messageExpression: string;
  };
}

const atlasDatabaseUser: UserKind = {
  policyName: "atlas-preview-database-users",
  title: "Confine AtlasDatabaseUser in preview namespaces",
  group: "atlas.mongodb.com",
  version: "v1",
  resource: "atlasdatabaseusers",
  kind: "AtlasDatabaseUser",
  spec: "object.spec",
  authTypeFields: ["awsIamType", "x509Type", "oidcAuthType"],
  project: (p) => {
    const s = "variables.spec";
    const got =
      `(has(${s}.projectRef) ? 'projectRef ' + ${s}.projectRef.name + ' in namespace ' + (has(${s}.projectRef.namespace) ? ${s}.projectRef.namespace : request.namespace) : '')` +
      ` + (has(${s}.projectRef) && has(${s}.externalProjectRef) ? ' and ' : '')` +
      ` + (has(${s}.externalProjectRef) ? 'externalProjectRef ' + ${s}.externalProjectRef.id : '')` +
      ` + (!has(${s}.projectRef) && !has(${s}.externalProjectRef) ? 'no project reference' : '')`;
    if (p.project.kind === "projectRef") {
      const want = `projectRef ${p.project.name} in namespace ${p.project.namespace}`;
      return {
        summary: `references the project only as ${want} (no other namespace, no externalProjectRef)`,
        expression:
          `has(${s}.projectRef) && !has(${s}.externalProjectRef) && ${s}.projectRef.name == ${celString(p.project.name)}` +
          ` && has(${s}.projectRef.namespace) && ${s}.projectRef.namespace == ${celString(p.project.namespace)}`,
        message: `A preview user must reference the Atlas project exactly as ${want}: another reference could run with another project's credentials.`,
        messageExpression: `${kindName()} + ': project reference ' + ${got} + ' is not allowed; preview users must reference exactly ${want} (another reference could run with another project\\'s credentials)'`,
      };
    }
    const want = `externalProjectRef ${p.project.projectId}`;
    return {
      summary: `references the project only as ${want} (no projectRef)`,
      expression: `has(${s}.externalProjectRef) && !has(${s}.projectRef) && ${s}.externalProjectRef.id == ${celString(p.project.projectId)}`,
      message: `A preview user must reference the Atlas project exactly as ${want}.`,
      messageExpression: `${kindName()} + ': project reference ' + ${got} + ' is not allowed; preview users must reference exactly ${want}'`,
    };
  },
};

const generatedDatabaseUser: UserKind = {
  policyName: "atlas-preview-generated-database-users",
  title: "Confine DatabaseUser (atlas.generated.mongodb.com) in preview namespaces",
  group: "atlas.generated.mongodb.com",
  version: "v1",
  resource: "databaseusers",
  kind: "DatabaseUser",
  spec: "object.spec.v20250312.entry",
  shape: {
    id: "spec-shape",
    summary: "has spec.v20250312.entry (the only API version this policy understands)",
    expression: "has(object.spec.v20250312) && has(object.spec.v20250312.entry)",
    message:
      "A DatabaseUser in a preview namespace must define spec.v20250312.entry; other API versions of the generated kind are refused.",
    messageExpression: `${kindName()} + ': spec.v20250312.entry is missing; the policy only admits the v20250312 user shape'`,
  },
  authTypeFields: ["awsIAMType", "x509Type", "oidcAuthType", "ldapAuthType"],
  project: (p) => {
    const g = "object.spec.v20250312";
    const got = `(has(${g}.groupId) ? 'groupId ' + ${g}.groupId : '') + (has(${g}.groupRef) ? ' groupRef ' + ${g}.groupRef.name : '')`;
    return {
      summary: `names the project only as groupId ${p.projectId} (no groupRef)`,
      expression: `has(${g}.groupId) && !has(${g}.groupRef) && ${g}.groupId == ${celString(p.projectId)}`,
      message: `A preview DatabaseUser must name the Atlas project exactly as groupId ${p.projectId}.`,
      messageExpression: `${kindName()} + ': project ' + ${got} + ' is not allowed; preview users must name exactly groupId ${p.projectId}'`,
    };
  },
};

/** `AtlasDatabaseUser pr-123/name` for messages. */
function kindName(): string {
  return "object.kind + ' ' + request.namespace + '/' + object.metadata.name";
}

const onlyPreviewNamespaces = {
  name: "preview-namespace",
  expression: `request.namespace.matches(${celString(PREVIEW_NAMESPACE_PATTERN)})`,
};

function annotations(title: string, rules: PolicyRule[]): Record<string, string> {
  return {
    "policies.kyverno.io/title": title,
    "policies.kyverno.io/description": rules.map((r) => `${r.id}: ${r.summary}`).join("; "),
    "atlas-access/generated-by": "admission/policies.ts",
  };
}

function userPolicy(k: UserKind, p: AdmissionPolicyParams): AdmissionPolicy {
  const allowed = p.allowedRoles ?? ALLOWED_DATABASE_ROLES;
  const dangerousLower = (p.dangerousRoles ?? DANGEROUS_ROLES).map((r) => r.toLowerCase());
  const protectedDbs = [...new Set([...p.protectedDatabases, ...SYSTEM_DATABASES])];
  const protectedLower = [...new Set(protectedDbs.map((d) => d.toLowerCase()))];
  const suffix = p.usernameSuffix ?? PREVIEW_USERNAME_SUFFIX;
  const s = "variables.spec";
  const who = kindName();
  const project = k.project(p);
  const authChecks = k.authTypeFields.map((f) => `(!has(${s}.${f}) || ${s}.${f} == 'NONE')`).join(" && ");
  const authGot = k.authTypeFields.map((f) => `'${f}=' + (has(${s}.${f}) ? ${s}.${f} : 'absent')`).join(" + ', ' + ");
  const scopeList = p.previewClusters.join(", ");

  const validations: (PolicyRule & { expression: string; message: string; messageExpression?: string })[] = [];
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
    { id: "project", ...project },
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
      expression: `${celString(RESOURCE_POLICY_ANNOTATION)} in variables.annotations && variables.annotations[${celString(RESOURCE_POLICY_ANNOTATION)}] == 'delete'`,
      message: `A preview user must carry the annotation ${RESOURCE_POLICY_ANNOTATION}: delete, or deleting the preview leaves the user in Atlas.`,
      messageExpression:
        `${who} + ': annotation ${RESOURCE_POLICY_ANNOTATION} is ' + (${celString(RESOURCE_POLICY_ANNOTATION)} in variables.annotations ? '\\'' + variables.annotations[${celString(RESOURCE_POLICY_ANNOTATION)}] + '\\'' : 'absent')` +
        ` + '; it must be delete, or deleting the preview leaves the user in Atlas'`,
    },
  );

  const rules = validations.map(({ id, summary }) => ({ id, summary }));
  return {
    name: k.policyName,
    rules,
    manifest: {
      apiVersion: "policies.kyverno.io/v1",
      kind: "ValidatingPolicy",
      metadata: { name: k.policyName, annotations: annotations(k.title, rules) },
      spec: {
        validationActions: ["Deny"],
        failurePolicy: "Fail",
        evaluation: { background: { enabled: false } },
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [k.group],
              apiVersions: [k.version],
              resources: [k.resource],
              operations: ["CREATE", "UPDATE"],
            },
          ],
        },
        matchConditions: [onlyPreviewNamespaces],
        variables: [
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
        validations: validations.map(({ expression, message, messageExpression }) => ({
          expression,
          message,
          ...(messageExpression ? { messageExpression } : {}),
        })),
      },
    },
  };
}

const ATLAS_GROUPS = ["atlas.mongodb.com", "atlas.generated.mongodb.com"];
const isUserKind =
  "(object.apiVersion == 'atlas.mongodb.com/v1' && object.kind == 'AtlasDatabaseUser') || (object.apiVersion == 'atlas.generated.mongodb.com/v1' && object.kind == 'DatabaseUser')";

function otherKindsPolicy(): AdmissionPolicy {
  const rules = [
    {
      id: "atlas-kind",
      summary:
        "every Atlas kind except the two user kinds is refused (custom roles, IP access lists, projects, deployments, streams, ...)",
    },
  ];
  return {
    name: "atlas-preview-other-kinds",
    rules,
    manifest: {
      apiVersion: "policies.kyverno.io/v1",
      kind: "ValidatingPolicy",
      metadata: {
        name: "atlas-preview-other-kinds",
        annotations: annotations("Refuse every non-user Atlas kind in preview namespaces", rules),
      },
      spec: {
        validationActions: ["Deny"],
        failurePolicy: "Fail",
        evaluation: { background: { enabled: false } },
        matchConstraints: {
          resourceRules: [
            { apiGroups: ATLAS_GROUPS, apiVersions: ["*"], resources: ["*"], operations: ["CREATE", "UPDATE"] },
          ],
        },
        matchConditions: [onlyPreviewNamespaces, { name: "not-a-user-kind", expression: `!(${isUserKind})` }],
        validations: [
          {
            expression: "false",
            message:
              "Atlas resources other than database users are not allowed in preview namespaces (the operator's credential could create custom roles, access-list entries, clusters, ...).",
            messageExpression: `${kindName()} + ' (' + object.apiVersion + ') is not allowed: preview namespaces may only hold AtlasDatabaseUser; the operator\\'s credential could otherwise create custom roles, access-list entries, projects or clusters'`,
          },
        ],
      },
    },
  };
}

function outsidePreviewsPolicy(p: AdmissionPolicyParams): AdmissionPolicy {
  const rules = [
    { id: "outside-previews", summary: `Atlas users are refused outside pr-<N> and ${p.operatorNamespace}` },
  ];
  return {
    name: "atlas-users-outside-previews",
    rules,
    manifest: {
      apiVersion: "policies.kyverno.io/v1",
      kind: "ValidatingPolicy",
      metadata: {
        name: "atlas-users-outside-previews",
        annotations: annotations("Refuse Atlas users outside preview namespaces and the operator namespace", rules),
      },
      spec: {
        validationActions: ["Deny"],
        failurePolicy: "Fail",
        evaluation: { background: { enabled: false } },
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ["atlas.mongodb.com"],
              apiVersions: ["*"],
              resources: ["atlasdatabaseusers"],
              operations: ["CREATE", "UPDATE"],
            },
            {
              apiGroups: ["atlas.generated.mongodb.com"],
              apiVersions: ["*"],
              resources: ["databaseusers"],
              operations: ["CREATE", "UPDATE"],
            },
          ],
        },
        matchConditions: [
          {
            name: "outside-previews-and-operator",
            expression: `!request.namespace.matches(${celString(PREVIEW_NAMESPACE_PATTERN)}) && request.namespace != ${celString(p.operatorNamespace)}`,
          },
        ],
        validations: [
          {
            expression: "false",
            message: `Atlas database users are only allowed in preview namespaces pr-<N> and in ${p.operatorNamespace}; production and staging users are managed outside Kubernetes.`,
            messageExpression: `${kindName()} + ' is not allowed: Atlas database users may only exist in preview namespaces pr-<N> or in ${p.operatorNamespace}; production and staging users are managed outside Kubernetes'`,
          },
        ],
      },
    },
  };
}

/** Every admission policy, in a stable order. Throws {@link AdmissionParamsError} on bad parameters. */
export function buildAdmissionPolicies(params: AdmissionPolicyParams): AdmissionPolicy[] {
  validate(params);
  return [
    userPolicy(atlasDatabaseUser, params),
    userPolicy(generatedDatabaseUser, params),
    otherKindsPolicy(),
    outsidePreviewsPolicy(params),
  ];
}
