/**
 * The operator's namespace is its own: not `default`, not `kube-*`, not Kyverno's namespace, not where a workload
 * identity of the stack runs. Pure config tests on the staging stack's values.
 */
import { parseStackConfig } from "../../program/config";
import { problemsOf } from "../../test/support/config";
import { operatorOf, valid } from "./fixtures/config";

const at = (ns: string) => `atlas-access:operator.namespace: got ${JSON.stringify(ns)}; `;

describe("the operator's namespace is its own", () => {
  it("accepts the staging stack's mongodb-atlas-system", () => {
    expect(parseStackConfig(valid()).operator?.namespace).toBe("mongodb-atlas-system");
  });

  it.each([
    ["default", "must not be default: every unqualified kubectl command writes there; use e.g. mongodb-atlas-system"],
    [
      "kube-system",
      "must not be a kube-* system namespace (Kubernetes' own, and skipped by Kyverno's resource filters)",
    ],
    [
      "kube-public",
      "must not be a kube-* system namespace (Kubernetes' own, and skipped by Kyverno's resource filters)",
    ],
    ["kyverno", "must not be Kyverno's namespace: Kyverno exempts its own namespace from its webhooks"],
  ])("refuses %s", (ns, message) => {
    const cfg = valid();
    operatorOf(cfg).namespace = ns;
    expect(problemsOf(cfg)).toEqual([at(ns) + message]);
  });

  it("refuses Kyverno's namespace when it is configured elsewhere than the default", () => {
    const cfg = valid();
    (cfg.admission as Record<string, unknown>).kyvernoNamespace = "policy-engine";
    operatorOf(cfg).namespace = "policy-engine";
    expect(problemsOf(cfg)).toEqual([
      at("policy-engine") + "must not be Kyverno's namespace: Kyverno exempts its own namespace from its webhooks",
    ]);
  });

  it.each([
    ["staging", "appUsers[0].secretAccessor"],
    ["monitoring", "streams.users[1].secretAccessor"],
  ])("refuses %s, where a workload identity of the stack runs (%s)", (ns, where) => {
    const cfg = valid();
    operatorOf(cfg).namespace = ns;
    expect(problemsOf(cfg)).toEqual([
      at(ns) +
        `is where the workload identity of ${where} runs: the operator's namespace (and its global credential) must not be shared with an application`,
    ]);
  });

  it("reads a namespace's principal set too", () => {
    const cfg = valid();
    const users = cfg.appUsers as { secretAccessor: string }[];
    (users[0] as { secretAccessor: string }).secretAccessor =
      "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/syrf-staging.svc.id.goog/namespace/mongodb-atlas-system";
    expect(problemsOf(cfg)).toEqual([
      at("mongodb-atlas-system") +
        "is where the workload identity of appUsers[0].secretAccessor runs: the operator's namespace (and its global credential) must not be shared with an application",
    ]);
  });
});
