import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { buildAdmissionPolicies } from "../../areas/admission/policies";
import { admit } from "../simulators/kyverno";
import { CORPUS_PARAMS, OUT_OF_SCOPE, POLICIES_DIR, loadCorpus } from "./corpus";
import {
  REGENERATE,
  SUITE,
  renderAdmissionFiles,
  renderKyvernoSuite,
  renderedPolicyPath,
  staleness,
  writeAdmissionFiles,
} from "./generate";

const corpus = loadCorpus();
const policies = buildAdmissionPolicies(CORPUS_PARAMS);
const generated = renderAdmissionFiles(corpus, policies);
const read = (rel: string) =>
  fs.existsSync(path.join(POLICIES_DIR, rel)) ? fs.readFileSync(path.join(POLICIES_DIR, rel), "utf8") : undefined;

describe(`generated files of areas/admission/policies/ (regenerate: ${REGENERATE})`, () => {
  test.each([...generated.keys()])("committed %s is what the generator renders", (rel) => {
    expect(staleness(rel, read(rel), generated.get(rel) as string)).toBeUndefined();
  });

  test("one folder per policy, plus the out-of-scope cases; each policy folder holds its code, cases and generated files", () => {
    const folders = fs
      .readdirSync(POLICIES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...policies.map((p) => p.name), OUT_OF_SCOPE].sort());
    for (const p of policies) {
      expect([p.name, fs.readdirSync(path.join(POLICIES_DIR, p.name)).sort()]).toEqual([
        p.name,
        [SUITE, "corpus", `${p.name}.yaml`, "policy.ts"].sort(),
      ]);
      expect(fs.readdirSync(path.join(POLICIES_DIR, p.name, SUITE)).sort()).toEqual([
        "kyverno-test.yaml",
        "resources.yaml",
      ]);
    }
    expect(fs.readdirSync(path.join(POLICIES_DIR, OUT_OF_SCOPE))).toEqual(["corpus"]);
  });

  test("the staleness check names the file, the first differing line and the command", () => {
    expect(staleness("p/p.yaml", "a\nb\n", "a\nc\n")).toBe(
      `areas/admission/policies/p/p.yaml is stale at line 2: committed "b", generated "c"; run ${REGENERATE} and commit the result`,
    );
    expect(staleness("p/p.yaml", undefined, "a\n")).toBe(
      `areas/admission/policies/p/p.yaml is missing; run ${REGENERATE} and commit the result`,
    );
    expect(staleness("p/p.yaml", "a\n", "a\n")).toBeUndefined();
  });

  test("the writer replaces a suite folder whole: a stale file in it does not survive", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admission-generate-"));
    try {
      fs.mkdirSync(path.join(dir, "p", SUITE), { recursive: true });
      fs.writeFileSync(path.join(dir, "p", SUITE, "old.yaml"), "stale");
      writeAdmissionFiles(new Map([[`p/${SUITE}/kyverno-test.yaml`, "new"]]), dir);
      expect(fs.readdirSync(path.join(dir, "p", SUITE))).toEqual(["kyverno-test.yaml"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Kyverno CLI suites generated from the corpus", () => {
  const suites = policies.map((p) => {
    const test = parseYaml(generated.get(`${p.name}/${SUITE}/kyverno-test.yaml`) as string) as {
      policies: string[];
      resources: string[];
      results: { policy: string; kind: string; result: string; resources: string[] }[];
    };
    const resources = parseAllDocuments(generated.get(`${p.name}/${SUITE}/resources.yaml`) as string).map(
      (d) => d.toJSON() as { kind: string; metadata: { name: string } },
    );
    return { policy: p, test, resources };
  });

  test("each suite reads its folder's rendered policy (../<policy-name>.yaml) and its own resources.yaml", () => {
    expect(suites.map((s) => [s.test.policies, s.test.resources])).toEqual(
      policies.map((p) => [[`../${p.name}.yaml`], ["resources.yaml"]]),
    );
    expect(policies.map((p) => path.posix.join(p.name, SUITE, `../${p.name}.yaml`))).toEqual(
      policies.map((p) => renderedPolicyPath(p.name)),
    );
  });

  test("the rendered policy is the generator's manifest for the corpus parameters", () => {
    expect(policies.map((p) => parseYaml(generated.get(renderedPolicyPath(p.name)) as string))).toEqual(
      policies.map((p) => p.manifest),
    );
  });

  test("every in-scope corpus case has exactly one expected CLI result, fail for deny and pass for admit", () => {
    const fromSuites = suites
      .flatMap((s) => s.test.results.flatMap((r) => r.resources.map((n) => `${r.policy} ${r.kind} ${n} ${r.result}`)))
      .sort();
    const fromCorpus = corpus
      .filter((c) => c.expect.outcome !== "out-of-scope")
      .map((c) => {
        const e = c.expect as { outcome: string; policy: string };
        return `${e.policy} ${String(c.object.kind)} ${(c.object.metadata as { name: string }).name} ${e.outcome === "deny" ? "fail" : "pass"}`;
      })
      .sort();
    expect(fromSuites).toEqual(fromCorpus);
    const resourceNames = suites.flatMap((s) => s.resources.map((r) => r.metadata.name)).sort();
    expect(resourceNames).toEqual(fromSuites.map((l) => l.split(" ")[2]).sort());
  });

  test("a suite refuses a case that expects another policy", () => {
    const other = corpus.find((c) => c.folder === "atlas-preview-other-kinds");
    expect(() =>
      renderKyvernoSuite(policies[0] as (typeof policies)[number], [other as (typeof corpus)[number]]),
    ).toThrow(`${other?.id} does not expect atlas-preview-database-users: it cannot be part of its suite`);
  });

  test.each(corpus.filter((c) => c.operation === "UPDATE").map((c) => [c.id, c] as const))(
    "%s: given to the CLI as its new object alone, the verdict is unchanged (no policy reads oldObject)",
    (_id, c) => {
      const asUpdate = admit(
        policies.map((p) => p.manifest),
        { operation: "UPDATE", object: c.object, oldObject: c.oldObject ?? null },
      );
      const asCreate = admit(
        policies.map((p) => p.manifest),
        { operation: "CREATE", object: c.object, oldObject: null },
      );
      // Reasons for not matching name the operation; compare everything else.
      const strip = (d: typeof asUpdate) => ({
        allowed: d.allowed,
        outcomes: Object.fromEntries(
          Object.entries(d.outcomes).map(([k, o]) => [k, o.result === "not-matched" ? "not-matched" : o]),
        ),
      });
      expect(strip(asCreate)).toEqual(strip(asUpdate));
      expect(asUpdate.allowed).toBe(c.expect.outcome !== "deny");
    },
  );
});
