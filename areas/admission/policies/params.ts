/**
 * The generator's parameters and their validation. Every value ends up inside a CEL string literal, so each is
 * checked against a safe format first; every problem is reported at once.
 */
import {
  ALLOWED_DATABASE_ROLES,
  ATLAS_ID,
  CLUSTER_NAME,
  DATABASE_NAME,
  FORBIDDEN_ROLES,
  SYSTEM_DATABASES,
} from "../../../domain/atlas";
import {
  BROAD_GROUPS,
  NAMESPACE_NAME,
  PREVIEW_USERNAME_SUFFIX,
  isPreviewNamespace,
  serviceAccountUsername,
} from "../../../domain/kubernetes";
import { IDENTITY } from "../config";

/**
 * Roles a preview user must never hold, compared trimmed and lower-cased so `ReadWriteAnyDatabase` or `root ` are
 * caught with this clear message (the allowlist would refuse them anyway): the broad `*AnyDatabase` roles and
 * `atlasAdmin`, every role the rulebook forbids (`domain/atlas.ts`; `__system` cannot be named here and the allowlist
 * refuses it), and the database-administration roles no preview user needs.
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

/**
 * How a preview user must reference the Atlas project: an `AtlasProject` resource in the operator's namespace, so no
 * credential lives in the preview namespace (`externalProjectRef` would need a `connectionSecret` there, which the
 * policies refuse).
 */
export interface ProjectReference {
  kind: "projectRef";
  name: string;
  namespace: string;
}

/** Who may write Atlas resources in preview namespaces and the operator's namespace. */
export interface Writers {
  /** Usernames of the deployers; service accounts as `system:serviceaccount:<namespace>:<name>`. */
  deployerUsers: readonly string[];
  /** Groups whose members are deployers. */
  deployerGroups: readonly string[];
  /** The operator's username (`system:serviceaccount:<namespace>:<name>`, derived from its release). */
  operator: string;
}

/** The deployers of `atlas-access:admission.deployers` as usernames and groups. */
export function deployerIdentities(d: {
  users: readonly string[];
  groups: readonly string[];
  serviceAccounts: readonly string[];
}) {
  return {
    deployerUsers: [
      ...d.users,
      ...d.serviceAccounts.map((ref) => serviceAccountUsername(ref.split("/")[0] ?? "", ref.split("/")[1] ?? "")),
    ],
    deployerGroups: [...d.groups],
  };
}

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
  /** Who may write Atlas resources where the operator acts. */
  writers: Writers;
  /** Roles a preview user may hold. @default ["read", "readWrite"] */
  allowedRoles?: readonly string[];
  /** Roles denied explicitly with their own message. @default {@link DANGEROUS_ROLES} */
  dangerousRoles?: readonly string[];
}

/** One bad parameter: its path (e.g. `previewClusters[1]`), its value and what would be accepted. */
export interface ParamProblem {
  param: string;
  value: unknown;
  fix: string;
}

/** Thrown by `buildAdmissionPolicies` for bad parameters; lists every problem. */
export class AdmissionParamsError extends Error {
  constructor(readonly problems: readonly ParamProblem[]) {
    super(
      `buildAdmissionPolicies: invalid parameters:\n` +
        problems.map((p) => `  - ${p.param}: got ${JSON.stringify(p.value)}; ${p.fix}`).join("\n"),
    );
    this.name = "AdmissionParamsError";
  }
}

/**
 * Formats only the generator needs (the prefixes and role names end up in CEL literals and messages); names that
 * domain/ defines use domain/'s formats.
 */
const DATABASE_PREFIX = /^[a-z][a-z0-9_]{0,40}$/;
const USERNAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/;
const USERNAME_SUFFIX = /^[A-Za-z0-9_.-]{0,20}$/;
const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const PROJECT_ID_FIX = "must be the Atlas project id: 24 lowercase hexadecimal characters";

/** Every problem of `p`, in parameter order; empty when the generator may use it. */
export function admissionParamsProblems(p: AdmissionPolicyParams): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const expect = (ok: boolean, param: string, value: unknown, fix: string) => {
    if (!ok) problems.push({ param, value, fix });
  };
  const expectList = (values: readonly string[], param: string, re: RegExp, item: string, nonEmpty: boolean) => {
    if (!Array.isArray(values) || (nonEmpty && values.length === 0)) {
      problems.push({ param, value: values, fix: `must be a${nonEmpty ? " non-empty" : ""} list, each ${item}` });
      return;
    }
    values.forEach((v, i) => expect(typeof v === "string" && re.test(v), `${param}[${i}]`, v, `must be ${item}`));
  };

  const { databasePrefix, usernamePrefix, usernameSuffix, operatorNamespace, project } = p;
  expect(
    DATABASE_PREFIX.test(databasePrefix),
    "databasePrefix",
    databasePrefix,
    "must be lowercase letters, digits and '_', starting with a letter (e.g. syrf_pr_)",
  );
  expect(
    USERNAME_PREFIX.test(usernamePrefix),
    "usernamePrefix",
    usernamePrefix,
    "must be letters, digits, '_', '.' or '-' (e.g. syrf_pr_)",
  );
  expect(
    USERNAME_SUFFIX.test(usernameSuffix ?? PREVIEW_USERNAME_SUFFIX),
    "usernameSuffix",
    usernameSuffix,
    "must be letters, digits, '_', '.' or '-' (e.g. _app)",
  );
  const cluster = "an Atlas cluster name: letters, digits and '-', 1-64 characters";
  expectList(p.previewClusters, "previewClusters", CLUSTER_NAME, cluster, true);
  const database = "a database name: lowercase letters, digits and '_', starting with a letter, at most 63 characters";
  expectList(p.protectedDatabases, "protectedDatabases", DATABASE_NAME, database, true);
  if (!NAMESPACE_NAME.test(operatorNamespace)) {
    expect(
      false,
      "operatorNamespace",
      operatorNamespace,
      "must be a Kubernetes namespace name (e.g. mongodb-atlas-system)",
    );
  } else {
    expect(
      !isPreviewNamespace(operatorNamespace),
      "operatorNamespace",
      operatorNamespace,
      "must not look like a preview namespace pr-<N>",
    );
  }
  expect(ATLAS_ID.test(p.projectId), "projectId", p.projectId, PROJECT_ID_FIX);
  const name = "must be the AtlasProject resource name (a Kubernetes name)";
  expect(NAMESPACE_NAME.test(project.name), "project.name", project.name, name);
  const namespace = "must be a Kubernetes namespace name";
  expect(NAMESPACE_NAME.test(project.namespace), "project.namespace", project.namespace, namespace);
  const { deployerUsers, deployerGroups, operator } = p.writers;
  const identity = "a Kubernetes username or group: letters, digits and @ . _ : + # / = -";
  expectList(deployerUsers, "writers.deployerUsers", IDENTITY, identity, false);
  expectList(deployerGroups, "writers.deployerGroups", IDENTITY, identity, false);
  expect(
    deployerUsers.length + deployerGroups.length > 0,
    "writers",
    p.writers,
    "must name at least one deployer user or group: without deployers nobody may write Atlas resources",
  );
  deployerGroups.forEach((g, i) =>
    expect(!BROAD_GROUPS.includes(g), `writers.deployerGroups[${i}]`, g, "must not be a group everyone belongs to"),
  );
  expect(
    /^system:serviceaccount:[a-z0-9-]{1,63}:[a-z0-9.-]{1,253}$/.test(operator) && !deployerUsers.includes(operator),
    "writers.operator",
    operator,
    "must be the operator's service account system:serviceaccount:<namespace>:<name>, and not a deployer",
  );
  const allowed = p.allowedRoles ?? ALLOWED_DATABASE_ROLES;
  const dangerous = p.dangerousRoles ?? DANGEROUS_ROLES;
  expectList(allowed, "allowedRoles", ROLE_NAME, "a built-in role name (letters, digits, '_', '-')", true);
  expectList(dangerous, "dangerousRoles", ROLE_NAME, "a role name (letters, digits, '_', '-')", false);
  if (Array.isArray(p.allowedRoles) && Array.isArray(dangerous)) {
    const dangerousLower = new Set(dangerous.map((r) => String(r).toLowerCase()));
    for (const role of p.allowedRoles) {
      const fix = `must not contain ${role}: it is a dangerous role`;
      expect(!dangerousLower.has(String(role).toLowerCase()), "allowedRoles", allowed, fix);
    }
  }
  if (Array.isArray(p.protectedDatabases)) {
    for (const d of new Set([...p.protectedDatabases, ...SYSTEM_DATABASES].map((d) => String(d).toLowerCase()))) {
      const produced = d.startsWith(databasePrefix) && /^[0-9]+$/.test(d.slice(databasePrefix.length));
      expect(!produced, "databasePrefix", databasePrefix, `must not produce the protected database ${d}`);
    }
  }
  return problems;
}

/** Throws {@link AdmissionParamsError} listing every problem of `p`. */
export function validateAdmissionParams(p: AdmissionPolicyParams): void {
  const problems = admissionParamsProblems(p);
  if (problems.length > 0) throw new AdmissionParamsError(problems);
}
