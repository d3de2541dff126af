import {
  CORPUS_PARAMS,
  DEFAULT_USER,
  loadCorpus,
  nameOf,
  requestOf,
  subjectOf,
} from "../../../offline/admission/corpus";
import type { CorpusCase } from "../../../offline/admission/corpus";
import { admit } from "../../../offline/simulators/kyverno";
import type { AdmitOptions, PolicyDocument } from "../../../offline/simulators/kyverno";
import { nativeDocuments } from "../../../offline/simulators/native";
import { KYVERNO_VALUES } from "../kyvernoValues";
import { buildAdmissionPolicies, DANGEROUS_ROLES, nativePolicy } from "./index";

const policies = buildAdmissionPolicies(CORPUS_PARAMS);
const natives = policies.map(nativePolicy);
/** Both engines, as the harness evaluates them: Kyverno with the installed release's excluded groups. */
const ENGINES: [string, PolicyDocument[], AdmitOptions][] = [
  ["kyverno", policies.map((p) => p.manifest), { excludeGroups: KYVERNO_VALUES.config.excludeGroups }],
  [
    "native",
    nativeDocuments(
      natives.map((n) => n.policy),
      natives.map((n) => n.binding),
    ),
    {},
  ],
];
const corpus = loadCorpus();
const malicious = corpus.filter((c) => c.set === "malicious");
const benign = corpus.filter((c) => c.set === "benign");
const ruleOf = (policy: string, index: number) => policies.find((p) => p.name === policy)?.rules[index]?.id;

/**
 * What an engine decided, in the corpus's own vocabulary, for exact comparison with `expect`: a denial must come from
 * exactly one policy (each case isolates one defect); an admission names the expected policy when it applied.
 */
function verdict(c: CorpusCase, [, documents, options]: (typeof ENGINES)[number]): Record<string, string> {
  const decision = admit(documents, requestOf(c), options);
  const applied = Object.entries(decision.outcomes).filter(([, o]) => o.result !== "not-matched");
  const refused = applied.filter(([, o]) => o.result === "fail" || o.result === "error");
  if (applied.length === 0) return { outcome: decision.allowed ? "out-of-scope" : "deny-without-policy" };
  if (refused.length > 1) return { outcome: `denied by several policies: ${refused.map(([n]) => n).join(", ")}` };
  const [name, o] = (refused[0] ??
    applied.find(([n]) => c.expect.outcome !== "out-of-scope" && n === c.expect.policy) ??
    applied[0]) as [string, (typeof decision.outcomes)[string]];
  if (o.result === "pass") return { outcome: decision.allowed ? "admit" : "deny-but-passed", policy: name };
  if (o.result === "fail")
    return {
      outcome: decision.allowed ? "admit-but-failed" : "deny",
      policy: name,
      rule: ruleOf(name, o.index) ?? `index ${o.index}`,
    };
  return { outcome: `error: ${o.result === "error" ? `${o.stage}: ${o.message}` : ""}`, policy: name };
}

const cases = (set: CorpusCase[]) =>
  ENGINES.flatMap((engine) => set.map((c) => [`${engine[0]}: ${c.id}`, c, engine] as const));

describe("attack corpus (offline, @bufbuild/cel harness), under Kyverno and under Kubernetes' own admission", () => {
  test("has at least 40 malicious cases and a benign set", () => {
    expect(malicious.length).toBeGreaterThanOrEqual(40);
    expect(benign.filter((c) => c.expect.outcome === "admit").length).toBeGreaterThanOrEqual(5);
    expect(benign.filter((c) => c.expect.outcome === "out-of-scope").length).toBeGreaterThanOrEqual(2);
  });

  test("resource names are unique (the Kyverno CLI identifies resources by name)", () => {
    const names = corpus.map(nameOf);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test.each(cases(malicious))("%s is denied by the expected rule", (_id, c, engine) => {
    expect(verdict(c, engine)).toEqual(c.expect);
  });

  test.each(cases(benign))("%s is admitted as expected", (_id, c, engine) => {
    expect(verdict(c, engine)).toEqual(c.expect);
  });

  test.each(malicious.filter((c) => c.operation === "UPDATE").map((c) => [c.id, c] as const))(
    "%s: the stored object is a state the policies accept (the attack is the update itself)",
    (_id, c) => {
      // The deployer's no-op update of the stored object: its shape, metadata and namespace are admissible.
      const stored = c.oldObject ?? null;
      const before = admit(
        policies.map((p) => p.manifest),
        { ...requestOf(c), object: stored, oldObject: stored, subResource: "", userInfo: DEFAULT_USER },
      );
      expect([c.id, before.allowed]).toEqual([c.id, true]);
    },
  );

  test("every multi-step attack is broken at a step the policies deny, and its steps are numbered 1..n", () => {
    const sequences = new Map<string, CorpusCase[]>();
    for (const c of corpus.filter((x) => x.attack))
      sequences.set(c.attack?.sequence ?? "", [...(sequences.get(c.attack?.sequence ?? "") ?? []), c]);
    expect([...sequences.keys()].sort()).toEqual([
      "operator-namespace-takeover",
      "plant-before-open",
      "reconciliation-skip",
      "status-rename",
    ]);
    for (const [name, steps] of sequences) {
      const numbers = steps.map((s) => s.attack?.step ?? 0).sort((a, b) => a - b);
      expect([name, numbers]).toEqual([name, numbers.map((_, i) => i + 1)]);
      expect([name, steps.some((s) => s.expect.outcome === "deny")]).toEqual([name, true]);
    }
  });

  test("every denial message names the rejected resource", () => {
    const missing = malicious.filter((c) => {
      const decision = admit(
        policies.map((p) => p.manifest),
        requestOf(c),
      );
      return !Object.values(decision.outcomes).some((o) => o.result === "fail" && o.message.includes(`/${nameOf(c)}`));
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
      (subjectOf(c).spec as { roles?: { roleName: string; databaseName: string }[] }).roles ?? [];
    const users = malicious.filter((c) => subjectOf(c).kind === "AtlasDatabaseUser" && c.operation === "CREATE");
    const denied = (rule: string, has: (r: { roleName: string; databaseName: string }) => boolean) =>
      users.some((c) => c.expect.outcome === "deny" && c.expect.rule === rule && roles(c).some(has));
    for (const role of DANGEROUS_ROLES)
      expect([role, denied("dangerous-roles", (r) => r.roleName === role)]).toEqual([role, true]);
    for (const db of [...CORPUS_PARAMS.protectedDatabases, "admin", "local", "config"])
      expect([db, denied("protected-databases", (r) => r.databaseName === db)]).toEqual([db, true]);
  });
});

describe("denial messages name the identity, the resource and the rule", () => {
  const [, documents, options] = ENGINES[0] as (typeof ENGINES)[number];
  const message = (id: string) => {
    const c = corpus.find((x) => x.id === id) as CorpusCase;
    const o = Object.values(admit(documents, requestOf(c), options).outcomes).find((x) => x.result === "fail");
    return o?.result === "fail" ? o.message : undefined;
  };

  test.each([
    [
      "malicious/status-rename-deployer",
      "user 'github-deployer@syrf-staging.iam.gserviceaccount.com' may not UPDATE the status subresource of AtlasDatabaseUser pr-123/status-rename-deployer: only the operator's service account system:serviceaccount:mongodb-atlas-system:mongodb-atlas-operator writes it (the operator trusts status: a forged status.name makes it delete that user from Atlas) (rule atlas-writers/subresource-writer)",
    ],
    [
      "malicious/stranger-deletes-user",
      "user 'dev@example.com' may not DELETE AtlasDatabaseUser pr-123/stranger-deletes-user: in preview namespaces and mongodb-atlas-system only the deployers (users github-deployer@syrf-staging.iam.gserviceaccount.com) write Atlas resources; the operator only updates that leave spec unchanged, Kubernetes' namespace controller and garbage collector only delete (rule atlas-writers/writer)",
    ],
    [
      "malicious/closing-namespace-create",
      "AtlasDatabaseUser pr-123/closing-namespace-create: namespace pr-123 is not the open preview of pull request 123 (labels atlas-access.io/preview=true, atlas-access.io/preview-state=closing, atlas-access.io/pull-request=123): users are created only while the program declares the preview open",
    ],
    [
      "malicious/update-removes-last-applied",
      "user 'github-deployer@syrf-staging.iam.gserviceaccount.com': AtlasDatabaseUser pr-123/update-removes-last-applied: annotation mongodb.com/last-applied-configuration (removed) may only be changed by the operator (the operator acts on every key under mongodb.com/)",
    ],
    [
      "malicious/database-prefix-shorter",
      "AtlasDatabaseUser pr-123/database-prefix-shorter: database(s) 'syrf_pr_12' not allowed: a user in pr-123 may only reach syrf_pr_123",
    ],
    [
      "malicious/future-group-kind",
      "StreamWorkspace pr-123/future-group-kind (streams.mongodb.com/v1alpha1 streamworkspaces) is not allowed: preview namespaces may only hold AtlasDatabaseUser (atlas.mongodb.com/v1); the operator's credential could otherwise create custom roles, access-list entries, projects or clusters, or import existing Atlas users",
    ],
  ])("%s", (id, expected) => {
    expect(message(id)).toBe(expected);
  });
});
