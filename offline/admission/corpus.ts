/**
 * The attack corpus: one YAML file per admission request, each with its expected outcome, kept next to the policy it
 * exercises: `areas/admission/policies/<policy-name>/corpus/{malicious,benign}/<case>.yaml`; cases no policy matches
 * live in `areas/admission/policies/out-of-scope/corpus/benign/`. The offline tests and the generated Kyverno CLI
 * suites read the same files.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { AdmissionPolicyParams } from "../../areas/admission/policies";
import {
  RESTRICTED_LABELS,
  isPreviewNamespace,
  previewNamespaceLabels,
  serviceAccountUsername,
} from "../../domain/kubernetes";
import type { AdmissionRequest, Operation, UserInfo } from "../simulators/kyverno";

/** The folder holding one folder per policy (and the out-of-scope cases). */
export const POLICIES_DIR = path.join(__dirname, "..", "..", "areas", "admission", "policies");
/** The folder (under {@link POLICIES_DIR}) of the cases no policy matches. */
export const OUT_OF_SCOPE = "out-of-scope";
/** Where a folder's cases are: `<folder>/corpus/{malicious,benign}/`. */
export const CASES = "corpus";

/**
 * The parameters the corpus is written for: the staging example config (`Pulumi.staging.yaml`). A test checks that
 * the staging stack registers exactly `buildAdmissionPolicies(CORPUS_PARAMS)`, and the committed rendered policies the
 * CLI suites read are rendered from it, so the CLI, the offline tests and the program judge the same policies.
 */
export const CORPUS_PARAMS: AdmissionPolicyParams = {
  databasePrefix: "syrf_pr_",
  usernamePrefix: "syrf_pr_",
  usernameSuffix: "_app",
  previewClusters: ["syrf-shared"],
  protectedDatabases: ["syrftest", "syrf_staging"],
  project: { kind: "projectRef", name: "shared-project", namespace: "mongodb-atlas-system" },
  projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
  operatorNamespace: "mongodb-atlas-system",
  writers: {
    deployerUsers: ["github-deployer@syrf-staging.iam.gserviceaccount.com"],
    deployerGroups: [],
    operator: serviceAccountUsername("mongodb-atlas-system", "mongodb-atlas-operator"),
  },
};

/** Who writes a case's request unless it says otherwise: the deployer, as the API server reports it. */
export const DEFAULT_USER: UserInfo = {
  username: CORPUS_PARAMS.writers.deployerUsers[0] ?? "",
  groups: ["system:authenticated"],
};

/**
 * The labels of namespace `name` as the program writes them (a preview `pr-<N>` open, the operator's namespace) plus
 * the `kubernetes.io/metadata.name` label the API server sets on every namespace.
 */
export function programNamespaceLabels(name: string): Record<string, string> {
  const own = isPreviewNamespace(name)
    ? { ...RESTRICTED_LABELS, ...previewNamespaceLabels(Number(name.slice(3)), "open") }
    : name === CORPUS_PARAMS.operatorNamespace
      ? { ...RESTRICTED_LABELS, "app.kubernetes.io/part-of": "atlas-access" }
      : {};
  return { ...own, "kubernetes.io/metadata.name": name };
}

export type Expectation =
  /** Refused by `policy`, at its validation `rule` (a rule id from {@link AdmissionPolicy.rules}). */
  | { outcome: "deny"; policy: string; rule: string }
  /** Admitted; `policy` matched it and passed. */
  | { outcome: "admit"; policy: string }
  /** Admitted because no policy applies (e.g. the operator's namespace, non-Atlas kinds). */
  | { outcome: "out-of-scope" };

/** One step of a multi-step attack: every sequence must be broken at a step the policies deny. */
export interface AttackStep {
  sequence: string;
  step: number;
}

export interface CorpusCase {
  /** `malicious/<file>` or `benign/<file>`, without `.yaml` (file names are unique across folders). */
  id: string;
  set: "malicious" | "benign";
  /** The folder under {@link POLICIES_DIR} it lives in: the policy it exercises, or {@link OUT_OF_SCOPE}. */
  folder: string;
  description: string;
  expect: Expectation;
  operation: Operation;
  /** The new object; absent on DELETE. */
  object?: Record<string, unknown>;
  oldObject?: Record<string, unknown>;
  /** @default {@link DEFAULT_USER} */
  userInfo?: UserInfo;
  /** e.g. `status`. @default "" */
  subResource?: string;
  /** The labels of the request's namespace. @default {@link programNamespaceLabels} */
  namespaceLabels?: Record<string, string>;
  dryRun?: boolean;
  attack?: AttackStep;
}

/** The object a case is about: the new object, or on DELETE the stored one. */
export const subjectOf = (c: CorpusCase): Record<string, unknown> =>
  (c.object ?? c.oldObject) as Record<string, unknown>;
export const nameOf = (c: CorpusCase): string => (subjectOf(c).metadata as { name: string }).name;
export const namespaceOf = (c: CorpusCase): string => (subjectOf(c).metadata as { namespace: string }).namespace;

/** The namespace object the request sees. */
export function namespaceObjectOf(c: CorpusCase): Record<string, unknown> {
  const name = namespaceOf(c);
  const labels = c.namespaceLabels
    ? { ...c.namespaceLabels, "kubernetes.io/metadata.name": name }
    : programNamespaceLabels(name);
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

/** The admission request of a case, as the API server would send it. */
export function requestOf(c: CorpusCase): AdmissionRequest {
  return {
    operation: c.operation,
    object: c.object ?? null,
    oldObject: c.oldObject ?? null,
    subResource: c.subResource ?? "",
    userInfo: c.userInfo ?? DEFAULT_USER,
    namespaceObject: namespaceObjectOf(c),
    dryRun: c.dryRun ?? false,
  };
}

const OUTCOMES = ["deny", "admit", "out-of-scope"];

/** `where` is the case's path under {@link POLICIES_DIR}. */
function fail(where: string, message: string): never {
  throw new Error(`corpus ${where}: ${message}`);
}

function parseCase(folder: string, set: "malicious" | "benign", file: string, text: string): CorpusCase {
  const where = path.posix.join(folder, CASES, set, file);
  const doc = parseYaml(text) as Record<string, unknown> | null;
  if (!doc || typeof doc !== "object") fail(where, "must be a YAML mapping");
  const known = [
    "description",
    "expect",
    "operation",
    "object",
    "oldObject",
    "userInfo",
    "subResource",
    "namespaceLabels",
    "dryRun",
    "attack",
  ];
  const unknown = Object.keys(doc).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(where, `unknown key(s) ${unknown.join(", ")}; accepted: ${known.join(", ")}`);
  const expect = doc.expect as Record<string, unknown> | undefined;
  if (!expect || !OUTCOMES.includes(String(expect.outcome)))
    fail(where, `expect.outcome must be one of ${OUTCOMES.join(", ")}`);
  if (expect.outcome === "deny" && (typeof expect.policy !== "string" || typeof expect.rule !== "string"))
    fail(where, "a deny expectation needs policy and rule");
  if (expect.outcome === "admit" && typeof expect.policy !== "string")
    fail(where, "an admit expectation needs the policy that matches and passes");
  if (set === "malicious" && expect.outcome !== "deny") fail(where, "a malicious case must expect deny");
  if (set === "benign" && expect.outcome === "deny") fail(where, "a benign case must not expect deny");
  const operation = doc.operation ?? "CREATE";
  if (operation !== "CREATE" && operation !== "UPDATE" && operation !== "DELETE")
    fail(where, "operation must be CREATE, UPDATE or DELETE");
  if (operation !== "CREATE" && !doc.oldObject) fail(where, `an ${operation} needs oldObject`);
  if (operation === "CREATE" && doc.oldObject) fail(where, "a CREATE has no oldObject");
  if (operation === "DELETE" && doc.object) fail(where, "a DELETE has no object (only oldObject)");
  if (operation !== "DELETE" && (!doc.object || typeof doc.object !== "object")) fail(where, "object is required");
  const user = doc.userInfo as { username?: unknown } | undefined;
  if (user !== undefined && typeof user.username !== "string") fail(where, "userInfo needs a username");
  const attack = doc.attack as { sequence?: unknown; step?: unknown } | undefined;
  if (attack !== undefined && (typeof attack.sequence !== "string" || !Number.isInteger(attack.step)))
    fail(where, "attack needs a sequence name and a whole step number");
  if (typeof doc.description !== "string" || doc.description.length === 0) fail(where, "description is required");
  if (folder === OUT_OF_SCOPE && expect.outcome !== "out-of-scope")
    fail(where, `a case in ${OUT_OF_SCOPE}/ must expect out-of-scope; move it to the folder of the policy it expects`);
  if (folder !== OUT_OF_SCOPE && expect.policy !== folder)
    fail(
      where,
      `expects policy ${String(expect.policy ?? "(none)")} but lives in ${folder}/; move it to that policy's folder`,
    );
  return {
    id: `${set}/${file.replace(/\.yaml$/, "")}`,
    set,
    folder,
    description: doc.description,
    expect: expect as unknown as Expectation,
    operation,
    ...(doc.object ? { object: doc.object as Record<string, unknown> } : {}),
    ...(doc.oldObject ? { oldObject: doc.oldObject as Record<string, unknown> } : {}),
    ...(user ? { userInfo: doc.userInfo as UserInfo } : {}),
    ...(typeof doc.subResource === "string" ? { subResource: doc.subResource } : {}),
    ...(doc.namespaceLabels ? { namespaceLabels: doc.namespaceLabels as Record<string, string> } : {}),
    ...(doc.dryRun === true ? { dryRun: true } : {}),
    ...(attack ? { attack: attack as AttackStep } : {}),
  };
}

/**
 * Every corpus case of every folder under `dir`: the malicious cases, then the benign ones, each sorted by file name
 * (the order the corpus had when it lived in one folder).
 */
export function loadCorpus(dir = POLICIES_DIR): CorpusCase[] {
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, CASES)))
    .map((e) => e.name)
    .sort();
  const cases: CorpusCase[] = [];
  for (const set of ["malicious", "benign"] as const) {
    const files: [string, string][] = folders.flatMap((folder) => {
      const setDir = path.join(dir, folder, CASES, set);
      if (!fs.existsSync(setDir)) return [];
      return fs
        .readdirSync(setDir)
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => [folder, f] as [string, string]);
    });
    files.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [folder, file] of files) {
      const rel = path.posix.join(folder, CASES, set, file);
      const twin = files.find(([f, other]) => other === file && f !== folder);
      if (twin) fail(rel, `the same file name is also in ${twin[0]}/${CASES}/${set}/; case names must be unique`);
      cases.push(parseCase(folder, set, file, fs.readFileSync(path.join(dir, folder, CASES, set, file), "utf8")));
    }
  }
  return cases;
}
