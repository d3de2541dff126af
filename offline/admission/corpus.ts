/**
 * The attack corpus: one YAML file per admission request under `admission/corpus/{malicious,benign}/`, each with its
 * expected outcome. The offline tests and the generated Kyverno CLI suites read the same files.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { AdmissionPolicyParams } from "../../areas/admission/policies";
import type { Operation } from "../simulators/kyverno";

export const CORPUS_DIR = path.join(__dirname, "..", "..", "areas", "admission", "corpus");

/**
 * The parameters the corpus is written for: the staging example config (`Pulumi.staging.yaml`). A test checks that
 * the staging stack renders exactly `buildAdmissionPolicies(CORPUS_PARAMS)`, so the CLI suites (which read the plan's
 * files) and the offline tests judge the same policies.
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
};

export type Expectation =
  /** Refused by `policy`, at its validation `rule` (a rule id from {@link AdmissionPolicy.rules}). */
  | { outcome: "deny"; policy: string; rule: string }
  /** Admitted; `policy` matched it and passed. */
  | { outcome: "admit"; policy: string }
  /** Admitted because no policy applies (e.g. the operator's namespace, non-Atlas kinds). */
  | { outcome: "out-of-scope" };

export interface CorpusCase {
  /** `malicious/<file>` or `benign/<file>`, without `.yaml`. */
  id: string;
  set: "malicious" | "benign";
  description: string;
  expect: Expectation;
  operation: Operation;
  object: Record<string, unknown>;
  oldObject?: Record<string, unknown>;
}

const OUTCOMES = ["deny", "admit", "out-of-scope"];

function fail(file: string, message: string): never {
  throw new Error(`corpus ${file}: ${message}`);
}

function parseCase(set: "malicious" | "benign", file: string, text: string): CorpusCase {
  const doc = parseYaml(text) as Record<string, unknown> | null;
  if (!doc || typeof doc !== "object") fail(file, "must be a YAML mapping");
  const known = ["description", "expect", "operation", "object", "oldObject"];
  const unknown = Object.keys(doc).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(file, `unknown key(s) ${unknown.join(", ")}; accepted: ${known.join(", ")}`);
  const expect = doc.expect as Record<string, unknown> | undefined;
  if (!expect || !OUTCOMES.includes(String(expect.outcome)))
    fail(file, `expect.outcome must be one of ${OUTCOMES.join(", ")}`);
  if (expect.outcome === "deny" && (typeof expect.policy !== "string" || typeof expect.rule !== "string"))
    fail(file, "a deny expectation needs policy and rule");
  if (expect.outcome === "admit" && typeof expect.policy !== "string")
    fail(file, "an admit expectation needs the policy that matches and passes");
  if (set === "malicious" && expect.outcome !== "deny") fail(file, "a malicious case must expect deny");
  if (set === "benign" && expect.outcome === "deny") fail(file, "a benign case must not expect deny");
  const operation = doc.operation ?? "CREATE";
  if (operation !== "CREATE" && operation !== "UPDATE") fail(file, "operation must be CREATE or UPDATE");
  if (operation === "UPDATE" && !doc.oldObject) fail(file, "an UPDATE needs oldObject");
  if (operation === "CREATE" && doc.oldObject) fail(file, "a CREATE has no oldObject");
  if (typeof doc.description !== "string" || doc.description.length === 0) fail(file, "description is required");
  if (!doc.object || typeof doc.object !== "object") fail(file, "object is required");
  return {
    id: `${set}/${file.replace(/\.yaml$/, "")}`,
    set,
    description: doc.description,
    expect: expect as unknown as Expectation,
    operation,
    object: doc.object as Record<string, unknown>,
    ...(doc.oldObject ? { oldObject: doc.oldObject as Record<string, unknown> } : {}),
  };
}

/** Every corpus case, sorted by id. */
export function loadCorpus(dir = CORPUS_DIR): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const set of ["malicious", "benign"] as const) {
    const folder = path.join(dir, set);
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      cases.push(parseCase(set, file, fs.readFileSync(path.join(folder, file), "utf8")));
    }
  }
  return cases;
}
