import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { CORPUS_PARAMS, loadCorpus } from "./corpus";
import { admit } from "../simulators/kyverno";
import { renderKyvernoSuite, SUITE_DIR } from "./kyvernoSuite";
import { buildAdmissionPolicies } from "../../areas/admission/policies";

const corpus = loadCorpus();
const policies = buildAdmissionPolicies(CORPUS_PARAMS);
const rendered = renderKyvernoSuite(corpus, policies);

describe("Kyverno CLI suite generated from the corpus", () => {
  test.each([...rendered.keys()])(
    "committed admission/kyverno-test/%s is up to date (regenerate: node -r @swc-node/register scripts/generate-kyverno-suite.ts)",
    (file) => {
      const committed = path.join(SUITE_DIR, file);
      expect(fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : `(missing ${committed})`).toBe(
        rendered.get(file),
      );
    },
  );

  test("the suite folder holds only generated files", () => {
    expect(fs.readdirSync(SUITE_DIR).sort()).toEqual([...rendered.keys()].sort());
  });

  const test_ = parseYaml(rendered.get("kyverno-test.yaml") as string) as {
    policies: string[];
    results: { policy: string; kind: string; result: string; resources: string[] }[];
  };
  const resources = parseAllDocuments(rendered.get("resources.yaml") as string).map(
    (d) => d.toJSON() as { kind: string; metadata: { name: string } },
  );

  test("every in-scope corpus case has exactly one expected CLI result, fail for deny and pass for admit", () => {
    const fromSuite = test_.results
      .flatMap((r) => r.resources.map((name) => `${r.policy} ${r.kind} ${name} ${r.result}`))
      .sort();
    const fromCorpus = corpus
      .filter((c) => c.expect.outcome !== "out-of-scope")
      .map((c) => {
        const e = c.expect as { outcome: string; policy: string };
        return `${e.policy} ${String(c.object.kind)} ${(c.object.metadata as { name: string }).name} ${e.outcome === "deny" ? "fail" : "pass"}`;
      })
      .sort();
    expect(fromSuite).toEqual(fromCorpus);
    expect(resources.map((r) => r.metadata.name).sort()).toEqual(fromSuite.map((l) => l.split(" ")[2]).sort());
  });

  test("the suite reads the policy files npm run plan writes for the staging stack", () => {
    expect(test_.policies).toEqual(
      policies.map((p) => `../../../out/staging/kubernetes/ValidatingPolicy-${p.name}.yaml`),
    );
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
