import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { buildAdmissionPolicies } from "../../areas/admission/policies";
import { cliGap, cliRequest } from "./cliSuite";
import { CORPUS_PARAMS, OUT_OF_SCOPE, POLICIES_DIR, loadCorpus, nameOf, requestOf, subjectOf } from "./corpus";
import type { CorpusCase } from "./corpus";
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
      for (const folder of fs.readdirSync(path.join(POLICIES_DIR, p.name, SUITE)))
        expect([folder, fs.readdirSync(path.join(POLICIES_DIR, p.name, SUITE, folder)).sort()]).toEqual([
          folder,
          ["kyverno-test.yaml", "resources.yaml", "userinfo.yaml", "values.yaml"],
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
  /** The policy a case expects (out-of-scope cases are filtered out before). */
  const policyOf = (c: CorpusCase) =>
    policies.find(
      (p) => c.expect.outcome !== "out-of-scope" && p.name === c.expect.policy,
    ) as (typeof policies)[number];
  const suiteFiles = [...generated.keys()].filter((f) => f.endsWith("/kyverno-test.yaml"));
  const suites = suiteFiles.map((file) => {
    const dir = path.posix.dirname(file);
    const test = parseYaml(generated.get(file) as string) as {
      policies: string[];
      resources: string[];
      userinfo: string;
      variables: string;
      results: { policy: string; kind: string; result: string; operation?: string; resources: string[] }[];
    };
    const resources = parseAllDocuments(generated.get(`${dir}/resources.yaml`) as string).map(
      (d) => d.toJSON() as Record<string, unknown> & { kind: string; metadata: { name: string; namespace: string } },
    );
    const user = (parseYaml(generated.get(`${dir}/userinfo.yaml`) as string) as { userInfo: { username: string } })
      .userInfo;
    const values = parseYaml(generated.get(`${dir}/values.yaml`) as string) as {
      namespaces: { metadata: { name: string } }[];
    };
    return { dir, test, resources, user, values };
  });

  test("each suite reads its policy's rendered file (../../<policy-name>.yaml) and its own resources, values and userinfo", () => {
    for (const s of suites) {
      const policy = s.dir.split("/")[0] as string;
      expect([s.dir, s.test.policies.map((f) => path.posix.normalize(path.posix.join(s.dir, f)))]).toEqual([
        s.dir,
        [renderedPolicyPath(policy)],
      ]);
      expect([s.test.resources, s.test.variables, s.test.userinfo]).toEqual([
        ["resources.yaml"],
        "values.yaml",
        "userinfo.yaml",
      ]);
    }
  });

  test("the rendered policy is the generator's manifest for the corpus parameters", () => {
    expect(policies.map((p) => parseYaml(generated.get(renderedPolicyPath(p.name)) as string))).toEqual(
      policies.map((p) => p.manifest),
    );
  });

  test("every case the CLI can express has exactly one result, with its identity, namespace and operation", () => {
    const fromSuites = suites
      .flatMap((s) =>
        s.test.results.flatMap((r) =>
          r.resources.map(
            (n) => `${r.policy} ${r.kind} ${n} ${r.operation ?? "CREATE"} ${r.result} ${s.user.username}`,
          ),
        ),
      )
      .sort();
    const fromCorpus = corpus
      .filter((c) => c.expect.outcome !== "out-of-scope")
      .filter((c) => cliGap(policyOf(c), c) === undefined)
      .map((c) => {
        const e = c.expect as { outcome: string; policy: string };
        const user = requestOf(c).userInfo?.username ?? "";
        return `${e.policy} ${String(subjectOf(c).kind)} ${nameOf(c)} ${c.operation} ${e.outcome === "deny" ? "fail" : "pass"} ${user}`;
      })
      .sort();
    expect(fromSuites).toEqual(fromCorpus);
    for (const s of suites) {
      // Each resource's namespace is described once in the values file, as the case's namespace object.
      const namespaces = s.values.namespaces.map((n) => n.metadata.name);
      expect([s.dir, namespaces.filter((n, i) => namespaces.indexOf(n) !== i)]).toEqual([s.dir, []]);
      for (const r of s.resources) expect([s.dir, namespaces.includes(r.metadata.namespace)]).toEqual([s.dir, true]);
    }
  });

  test("the cases the CLI cannot express are exactly the subresource writes and the updates judged against another old object", () => {
    const gaps = corpus
      .filter((c) => c.expect.outcome !== "out-of-scope")
      .map((c) => [c.id, cliGap(policyOf(c), c)])
      .filter(([, gap]) => gap !== undefined);
    const update = "an UPDATE judged against a different old object (the CLI uses the resource as both)";
    const status = "a write of the status subresource (the CLI sends none)";
    expect(gaps).toEqual([
      ["malicious/deployer-removes-finalizer", update],
      ["malicious/operator-changes-spec", update],
      ["malicious/status-project-operator-namespace", status],
      ["malicious/status-rename-deployer", status],
      ["malicious/status-rename-preview-app", status],
      ["malicious/update-removes-last-applied", update],
      ["benign/operator-status", status],
    ]);
  });

  test("the CLI's request shape: DELETE has no object, UPDATE uses the resource as both objects, never a subresource", () => {
    const del = corpus.find((c) => c.id === "benign/deployer-deletes-user") as CorpusCase;
    const upd = corpus.find((c) => c.id === "malicious/deployer-removes-finalizer") as CorpusCase;
    expect([cliRequest(del).object, cliRequest(del).oldObject]).toEqual([null, del.oldObject]);
    expect([cliRequest(upd).object, cliRequest(upd).oldObject]).toEqual([upd.object, upd.object]);
    const status = corpus.find((c) => c.id === "benign/operator-status") as CorpusCase;
    expect([cliRequest(status).subResource, cliRequest(status).dryRun]).toEqual(["", false]);
  });

  test("a suite refuses a case that expects another policy", () => {
    const other = corpus.find((c) => c.folder === "atlas-preview-other-kinds");
    expect(() =>
      renderKyvernoSuite(policies[0] as (typeof policies)[number], [other as (typeof corpus)[number]]),
    ).toThrow(`${other?.id} does not expect atlas-writers: it cannot be part of its suite`);
  });

  test("suite folders: one per identity, numbered when a namespace needs other labels", () => {
    expect(
      suites
        .map((s) => s.dir)
        .filter((d) => d.startsWith("atlas-writers/"))
        .sort(),
    ).toEqual([
      "atlas-writers/.kyverno-test/deployer",
      "atlas-writers/.kyverno-test/dev-example-com",
      "atlas-writers/.kyverno-test/garbage-collector",
      "atlas-writers/.kyverno-test/namespace-controller",
      "atlas-writers/.kyverno-test/namespace-controller-2",
      "atlas-writers/.kyverno-test/operator",
      "atlas-writers/.kyverno-test/system-node-gke-staging-pool-1",
      "atlas-writers/.kyverno-test/system-serviceaccount-pr-123-default",
    ]);
  });
});
