import { admit, evaluatePolicy, guessResource } from "./kyverno";
import type { AdmissionRequest, PolicyDocument } from "./kyverno";

/** A tiny policy on ConfigMaps; each test overrides what it exercises. */
function policy(spec: Partial<PolicyDocument["spec"]>): PolicyDocument {
  return {
    metadata: { name: "test" },
    spec: {
      validationActions: ["Deny"],
      failurePolicy: "Fail",
      matchConstraints: {
        resourceRules: [
          { apiGroups: [""], apiVersions: ["v1"], resources: ["configmaps"], operations: ["CREATE", "UPDATE"] },
        ],
      },
      validations: [{ expression: "true" }],
      ...spec,
    },
  };
}
const configMap = (data: Record<string, unknown>, namespace = "pr-1"): Record<string, unknown> => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "cm", namespace },
  data,
});
const create = (object: Record<string, unknown>): AdmissionRequest => ({ operation: "CREATE", object });

describe("matchConstraints", () => {
  test.each([
    ["group", { apiGroups: ["apps"], apiVersions: ["v1"], resources: ["configmaps"], operations: ["CREATE"] }],
    ["version", { apiGroups: [""], apiVersions: ["v2"], resources: ["configmaps"], operations: ["CREATE"] }],
    ["resource", { apiGroups: [""], apiVersions: ["v1"], resources: ["secrets"], operations: ["CREATE"] }],
    ["operation", { apiGroups: [""], apiVersions: ["v1"], resources: ["configmaps"], operations: ["UPDATE"] }],
  ])("a different %s does not match", (_what, rule) => {
    expect(
      evaluatePolicy(
        policy({ matchConstraints: { resourceRules: [rule] }, validations: [{ expression: "false" }] }),
        create(configMap({})),
      ),
    ).toEqual({
      result: "not-matched",
      reason: "no resourceRule matches /v1 configmaps CREATE",
    });
  });

  test("wildcards match any group, version, resource and operation", () => {
    const p = policy({
      matchConstraints: {
        resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["*"] }],
      },
      validations: [{ expression: "false", message: "no" }],
    });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "fail",
      index: 0,
      message: "no",
      enforced: true,
    });
  });

  test("excludeResourceRules win over resourceRules", () => {
    const p = policy({
      matchConstraints: {
        resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["*"] }],
        excludeResourceRules: [{ apiGroups: [""], apiVersions: ["*"], resources: ["configmaps"], operations: ["*"] }],
      },
    });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "not-matched",
      reason: "excluded: /v1 configmaps CREATE",
    });
  });

  test("an unsupported selector is refused, not ignored", () => {
    const p = policy({ matchConstraints: { resourceRules: [], namespaceSelector: { matchLabels: { a: "b" } } } });
    expect(() => evaluatePolicy(p, create(configMap({})))).toThrow(
      "policy test: spec.matchConstraints.namespaceSelector is not supported by the offline harness",
    );
  });

  test.each([
    ["AtlasDatabaseUser", "atlasdatabaseusers"],
    ["AtlasBackupPolicy", "atlasbackuppolicies"],
    ["AtlasIPAccessList", "atlasipaccesslists"],
    ["Ingress", "ingresses"],
  ])("the resource of kind %s is guessed as %s (like the Kyverno CLI)", (kind, resource) => {
    expect(guessResource(kind)).toBe(resource);
  });
});

describe("matchConditions", () => {
  test("a false condition means not matched, even when another errors", () => {
    const p = policy({
      matchConditions: [
        { name: "err", expression: "object.nope == 1" },
        { name: "no", expression: "false" },
      ],
      validations: [{ expression: "false" }],
    });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "not-matched",
      reason: "matchCondition no is false",
    });
  });

  test("an erroring condition is an error with failurePolicy Fail", () => {
    const p = policy({ matchConditions: [{ name: "err", expression: "object.nope == 1" }] });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "error",
      stage: "matchConditions",
      message: "matchCondition err: field not found: nope",
    });
  });

  test("an erroring condition is not matched with failurePolicy Ignore", () => {
    const p = policy({ failurePolicy: "Ignore", matchConditions: [{ name: "err", expression: "object.nope == 1" }] });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "not-matched",
      reason: "matchConditions errored, failurePolicy Ignore: matchCondition err: field not found: nope",
    });
  });

  test("request.namespace and namespaceObject are bound; the anchored pattern needs a number", () => {
    const p = policy({
      matchConditions: [
        {
          name: "ns",
          expression: "request.namespace.matches('^pr-[0-9]+$') && namespaceObject.metadata.name == request.namespace",
        },
      ],
      validations: [{ expression: "false", message: "denied" }],
    });
    expect(evaluatePolicy(p, create(configMap({}, "pr-12"))).result).toBe("fail");
    for (const ns of ["pr-", "pr-abc", "pr-12x", "xpr-12"])
      expect([ns, evaluatePolicy(p, create(configMap({}, ns))).result]).toEqual([ns, "not-matched"]);
  });
});

describe("variables and validations", () => {
  test("variables see earlier variables; integers are CEL ints", () => {
    const p = policy({
      variables: [
        { name: "n", expression: "object.data.count" },
        { name: "next", expression: "variables.n + 1" },
      ],
      validations: [{ expression: "variables.next == 4", message: "not four" }],
    });
    expect(evaluatePolicy(p, create(configMap({ count: 3 })))).toEqual({ result: "pass" });
    expect(evaluatePolicy(p, create(configMap({ count: 4 })))).toEqual({
      result: "fail",
      index: 0,
      message: "not four",
      enforced: true,
    });
  });

  test("a failing variable only matters where it is used (lazy, like Kyverno)", () => {
    const p = policy({
      variables: [{ name: "bad", expression: "object.data.missing" }],
      validations: [{ expression: "true || variables.bad" }, { expression: "variables.bad == 'x'" }],
    });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "error",
      stage: "validations[1]",
      message: "field not found: bad (unbound variables.bad: field not found: missing)",
    });
  });

  test("the first false validation decides, in order, with its messageExpression", () => {
    const p = policy({
      validations: [
        { expression: "true" },
        { expression: "object.data.a == 'ok'", message: "static", messageExpression: "'a is ' + object.data.a" },
        { expression: "false", message: "never reached" },
      ],
    });
    expect(evaluatePolicy(p, create(configMap({ a: "bad" })))).toEqual({
      result: "fail",
      index: 1,
      message: "a is bad",
      enforced: true,
    });
  });

  test("an erroring messageExpression falls back to the message; no message gives Kyverno's default", () => {
    const p1 = policy({
      validations: [{ expression: "false", message: "static", messageExpression: "object.data.nope" }],
    });
    expect(evaluatePolicy(p1, create(configMap({})))).toEqual({
      result: "fail",
      index: 0,
      message: "static",
      enforced: true,
    });
    const p2 = policy({ validations: [{ expression: "true" }, { expression: "false" }] });
    expect(evaluatePolicy(p2, create(configMap({})))).toEqual({
      result: "fail",
      index: 1,
      message: "CEL expression validation failed at index 1",
      enforced: true,
    });
  });

  test("an evaluation error is an error, never a pass, and stops before later validations", () => {
    const p = policy({ validations: [{ expression: "object.data.nope == 'x'" }, { expression: "false" }] });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "error",
      stage: "validations[0]",
      message: "field not found: nope",
    });
    expect(admit([p], create(configMap({}))).allowed).toBe(false);
  });

  test("a non-boolean validation is an error", () => {
    const p = policy({ validations: [{ expression: "'yes'" }] });
    expect(evaluatePolicy(p, create(configMap({})))).toEqual({
      result: "error",
      stage: "validations[0]",
      message: "returned yes, not a boolean",
    });
  });

  test("a syntax error is reported as an error, not a pass", () => {
    const p = policy({ validations: [{ expression: "object.data.?a" }] });
    const o = evaluatePolicy(p, create(configMap({})));
    expect(o.result).toBe("error");
  });

  test("oldObject is null on CREATE and bound on UPDATE", () => {
    const p = policy({
      validations: [
        {
          expression: "request.operation == 'CREATE' ? oldObject == null : oldObject.data.a != object.data.a",
          message: "unchanged",
        },
      ],
    });
    expect(evaluatePolicy(p, create(configMap({ a: "1" })))).toEqual({ result: "pass" });
    expect(
      evaluatePolicy(p, { operation: "UPDATE", object: configMap({ a: "2" }), oldObject: configMap({ a: "1" }) }),
    ).toEqual({ result: "pass" });
    expect(
      evaluatePolicy(p, { operation: "UPDATE", object: configMap({ a: "1" }), oldObject: configMap({ a: "1" }) })
        .result,
    ).toBe("fail");
  });

  test("Audit only reports: the request is admitted", () => {
    const p = policy({ validationActions: ["Audit"], validations: [{ expression: "false", message: "audited" }] });
    const d = admit([p], create(configMap({})));
    expect(d).toEqual({
      allowed: true,
      outcomes: { test: { result: "fail", index: 0, message: "audited", enforced: false } },
    });
  });
});
