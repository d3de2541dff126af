import { CORPUS_PARAMS, loadCorpus } from "../../../offline/admission/corpus";
import type { CorpusCase } from "../../../offline/admission/corpus";
import { admit } from "../../../offline/simulators/kyverno";
import type { AdmissionRequest } from "../../../offline/simulators/kyverno";
import { buildAdmissionPolicies, DANGEROUS_ROLES } from "./index";

const policies = buildAdmissionPolicies(CORPUS_PARAMS);
const manifests = policies.map((p) => p.manifest);
const corpus = loadCorpus();
const malicious = corpus.filter((c) => c.set === "malicious");
const benign = corpus.filter((c) => c.set === "benign");

const request = (c: CorpusCase): AdmissionRequest => ({
  operation: c.operation,
  object: c.object,
  oldObject: c.oldObject ?? null,
});
const ruleOf = (policy: string, index: number) => policies.find((p) => p.name === policy)?.rules[index]?.id;

/** What the harness decided, in the corpus's own vocabulary, for exact comparison with `expect`. */
function verdict(c: CorpusCase): Record<string, string> {
  const decision = admit(manifests, request(c));
  const applied = Object.entries(decision.outcomes).filter(([, o]) => o.result !== "not-matched");
  if (applied.length === 0) return { outcome: decision.allowed ? "out-of-scope" : "deny-without-policy" };
  if (applied.length > 1)
    return { outcome: `several policies applied: ${applied.map(([n, o]) => `${n}=${o.result}`).join(", ")}` };
  const [name, o] = applied[0] as [string, (typeof decision.outcomes)[string]];
  if (o.result === "pass") return { outcome: decision.allowed ? "admit" : "deny-but-passed", policy: name };
  if (o.result === "fail")
    return {
      outcome: decision.allowed ? "admit-but-failed" : "deny",
      policy: name,
      rule: ruleOf(name, o.index) ?? `index ${o.index}`,
    };
  return { outcome: `error: ${o.result === "error" ? `${o.stage}: ${o.message}` : ""}`, policy: name };
}

describe("attack corpus (offline, @bufbuild/cel harness)", () => {
  test("has at least 40 malicious cases and a benign set", () => {
    expect(malicious.length).toBeGreaterThanOrEqual(40);
    expect(benign.filter((c) => c.expect.outcome === "admit").length).toBeGreaterThanOrEqual(5);
    expect(benign.filter((c) => c.expect.outcome === "out-of-scope").length).toBeGreaterThanOrEqual(2);
  });

  test("resource names are unique (the Kyverno CLI identifies resources by name)", () => {
    const names = corpus.map((c) => `${(c.object.metadata as { name: string }).name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test.each(malicious.map((c) => [c.id, c] as const))("%s is denied by the expected rule", (_id, c) => {
    expect(verdict(c)).toEqual(c.expect);
  });

  test.each(benign.map((c) => [c.id, c] as const))("%s is admitted as expected", (_id, c) => {
    expect(verdict(c)).toEqual(c.expect);
  });

  test.each(malicious.filter((c) => c.operation === "UPDATE").map((c) => [c.id, c] as const))(
    "%s: the same resource before the update is admitted (the attack is the update itself)",
    (_id, c) => {
      const before = admit(manifests, { operation: "CREATE", object: c.oldObject ?? null });
      expect(before.allowed).toBe(true);
      expect(before.outcomes[c.expect.outcome === "deny" ? c.expect.policy : ""]).toEqual({ result: "pass" });
    },
  );

  test("every denial message names the rejected resource", () => {
    const missing = malicious.filter((c) => {
      const decision = admit(manifests, request(c));
      const name = (c.object.metadata as { name: string }).name;
      return !Object.values(decision.outcomes).some((o) => o.result === "fail" && o.message.includes(`/${name}`));
    });
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  test("every rule of every policy is exercised by at least one malicious case", () => {
    const hit = new Set(
      malicious.map((c) => (c.expect.outcome === "deny" ? `${c.expect.policy}#${c.expect.rule}` : "")),
    );
    const unexercised = policies.flatMap((p) => p.rules.map((r) => `${p.name}#${r.id}`)).filter((k) => !hit.has(k));
    expect(unexercised).toEqual([]);
  });

  test("each dangerous role and each protected database has its own case", () => {
    const roles = (c: CorpusCase) =>
      (c.object.spec as { roles?: { roleName: string; databaseName: string }[] }).roles ?? [];
    const users = malicious.filter((c) => c.object.kind === "AtlasDatabaseUser" && c.operation === "CREATE");
    for (const role of DANGEROUS_ROLES) {
      expect([
        role,
        users.some(
          (c) =>
            c.expect.outcome === "deny" &&
            c.expect.rule === "dangerous-roles" &&
            roles(c).some((r) => r.roleName === role),
        ),
      ]).toEqual([role, true]);
    }
    for (const db of [...CORPUS_PARAMS.protectedDatabases, "admin", "local", "config"]) {
      expect([
        db,
        users.some(
          (c) =>
            c.expect.outcome === "deny" &&
            c.expect.rule === "protected-databases" &&
            roles(c).some((r) => r.databaseName === db),
        ),
      ]).toEqual([db, true]);
    }
  });

  test("the exact messages of three representative denials", () => {
    const message = (id: string) => {
      const c = corpus.find((x) => x.id === id) as CorpusCase;
      const o = Object.values(admit(manifests, request(c)).outcomes).find((x) => x.result === "fail");
      return o?.result === "fail" ? o.message : undefined;
    };
    expect(message("malicious/database-prefix-shorter")).toBe(
      "AtlasDatabaseUser pr-123/database-prefix-shorter: database(s) 'syrf_pr_12' not allowed: a user in pr-123 may only reach syrf_pr_123",
    );
    expect(message("malicious/variant-role-case-readwriteanydatabase")).toBe(
      "AtlasDatabaseUser pr-123/variant-role-case-readwriteanydatabase: role(s) ReadWriteAnyDatabase forbidden: preview users cannot hold broad or administrative roles; allowed is read or readWrite on syrf_pr_123",
    );
    expect(message("malicious/kind-atlascustomrole")).toBe(
      "AtlasCustomRole pr-123/kind-atlascustomrole (atlas.mongodb.com/v1) is not allowed: preview namespaces may only hold AtlasDatabaseUser; the operator's credential could otherwise create custom roles, access-list entries, projects or clusters",
    );
  });
});
