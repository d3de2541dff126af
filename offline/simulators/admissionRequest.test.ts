import { coordinates, requestBindings, resourceMatches, ruleMatches } from "./admissionRequest";
import { admit, evaluatePolicy } from "./kyverno";
import type { AdmissionRequest, PolicyDocument } from "./kyverno";

const user = (namespace = "pr-1"): Record<string, unknown> => ({
  apiVersion: "atlas.mongodb.com/v1",
  kind: "AtlasDatabaseUser",
  metadata: { name: "u", namespace },
  spec: { username: "a" },
});

describe("resource rules match subresources exactly as Kubernetes does", () => {
  // kubernetes/apiserver pkg/admission/plugin/webhook/predicates/rules/rules.go: splitResource, resource().
  test.each([
    ["*", "atlasdatabaseusers", "", true],
    ["*", "atlasdatabaseusers", "status", false],
    ["*/*", "atlasdatabaseusers", "", true],
    ["*/*", "atlasdatabaseusers", "status", true],
    ["*/status", "atlasdatabaseusers", "status", true],
    ["*/status", "atlasdatabaseusers", "", false],
    ["*/status", "atlasdatabaseusers", "finalizers", false],
    ["atlasdatabaseusers", "atlasdatabaseusers", "", true],
    ["atlasdatabaseusers", "atlasdatabaseusers", "status", false],
    ["atlasdatabaseusers/*", "atlasdatabaseusers", "", true],
    ["atlasdatabaseusers/*", "atlasdatabaseusers", "status", true],
    ["atlasdatabaseusers/*", "atlascustomroles", "status", false],
    ["atlasdatabaseusers/status", "atlasdatabaseusers", "status", true],
    ["atlasdatabaseusers/status", "atlasdatabaseusers", "", false],
  ])("rule %s, request %s/%s: %s", (entry, resource, sub, matches) => {
    expect(resourceMatches([entry], resource, sub)).toBe(matches);
  });

  test("group, version and operation are exact or *", () => {
    const c = { group: "atlas.mongodb.com", version: "v1", resource: "atlasdatabaseusers", subResource: "status" };
    const rule = { apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"], operations: ["UPDATE"] };
    expect(ruleMatches(rule, c, "UPDATE")).toBe(true);
    expect(ruleMatches(rule, c, "DELETE")).toBe(false);
    expect(ruleMatches({ ...rule, apiGroups: ["atlas.mongodb.com"] }, c, "UPDATE")).toBe(true);
    expect(ruleMatches({ ...rule, apiGroups: ["mongodb.com"] }, c, "UPDATE")).toBe(false);
    expect(ruleMatches({ ...rule, apiVersions: ["v2"] }, c, "UPDATE")).toBe(false);
    expect(ruleMatches({ ...rule, operations: ["*"] }, c, "CONNECT")).toBe(true);
  });

  test("coordinates come from the object (DELETE: the old object) unless given", () => {
    expect(coordinates({ operation: "DELETE", object: null, oldObject: user(), subResource: "" })).toEqual({
      group: "atlas.mongodb.com",
      version: "v1",
      resource: "atlasdatabaseusers",
      subResource: "",
    });
    expect(() => coordinates({ operation: "DELETE", object: null })).toThrow(
      "admission request needs `resource` or an object with apiVersion and kind",
    );
  });
});

describe("the CEL request variables", () => {
  test("CREATE by a named user in a labelled namespace, dry run", () => {
    const req: AdmissionRequest = {
      operation: "CREATE",
      object: user(),
      userInfo: { username: "alice", groups: ["devs"] },
      namespaceObject: { metadata: { name: "pr-1", labels: { a: "b" } } },
      dryRun: true,
    };
    expect(requestBindings(req, coordinates(req))).toEqual({
      object: user(),
      oldObject: null,
      request: {
        operation: "CREATE",
        namespace: "pr-1",
        name: "u",
        kind: { group: "atlas.mongodb.com", version: "v1", kind: "AtlasDatabaseUser" },
        resource: { group: "atlas.mongodb.com", version: "v1", resource: "atlasdatabaseusers" },
        subResource: "",
        requestKind: { group: "atlas.mongodb.com", version: "v1", kind: "AtlasDatabaseUser" },
        requestResource: { group: "atlas.mongodb.com", version: "v1", resource: "atlasdatabaseusers" },
        requestSubResource: "",
        userInfo: { username: "alice", groups: ["devs"] },
        dryRun: true,
      },
      namespaceObject: { metadata: { name: "pr-1", labels: { a: "b" } } },
    });
  });

  test("DELETE: object is null, name and namespace come from the old object; no userInfo is an empty username", () => {
    const req: AdmissionRequest = { operation: "DELETE", object: null, oldObject: user("pr-2") };
    const b = requestBindings(req, coordinates(req)) as { object: unknown; request: Record<string, unknown> };
    expect([b.object, b.request.name, b.request.namespace, b.request.userInfo, b.request.dryRun]).toEqual([
      null,
      "u",
      "pr-2",
      { username: "", groups: [] },
      false,
    ]);
    // Without a namespace object the Kyverno CLI's synthesised one (name only) is bound.
    expect((b as Record<string, unknown>).namespaceObject).toEqual({ metadata: { name: "pr-2" } });
  });

  test("a policy reads userInfo, subResource, namespaceObject labels, dryRun and oldObject on DELETE", () => {
    const policy: PolicyDocument = {
      metadata: { name: "p" },
      spec: {
        validationActions: ["Deny"],
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"], operations: ["*"] }],
        },
        validations: [
          {
            expression: "false",
            messageExpression:
              "request.userInfo.username + ' ' + request.operation + ' ' + request.subResource + ' ' + namespaceObject.metadata.labels['s'] + ' ' + string(request.dryRun) + ' ' + oldObject.spec.username + ' ' + string(object == null)",
          },
        ],
      },
    };
    const outcome = evaluatePolicy(policy, {
      operation: "DELETE",
      object: null,
      oldObject: user(),
      subResource: "status",
      userInfo: { username: "bob" },
      namespaceObject: { metadata: { name: "pr-1", labels: { s: "open" } } },
      dryRun: true,
    });
    expect(outcome).toEqual({
      result: "fail",
      index: 0,
      message: "bob DELETE status open true a true",
      enforced: true,
    });
  });
});

describe("Kyverno's excludeGroups filter", () => {
  const policy: PolicyDocument = {
    metadata: { name: "p" },
    spec: {
      validationActions: ["Deny"],
      failurePolicy: "Fail",
      matchConstraints: {
        resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["CREATE"] }],
      },
      validations: [{ expression: "false", message: "no" }],
    },
  };
  const node: AdmissionRequest = {
    operation: "CREATE",
    object: user(),
    userInfo: { username: "system:node:n1", groups: ["system:nodes", "system:authenticated"] },
  };

  test("with the chart's default [system:nodes] a node's request is admitted unevaluated", () => {
    expect(admit([policy], node, { excludeGroups: ["system:nodes"] })).toEqual({
      allowed: true,
      outcomes: { p: { result: "not-matched", reason: "filtered: group system:nodes is in Kyverno's excludeGroups" } },
    });
  });

  test("with no excluded groups (the release's values) it is judged", () => {
    expect(admit([policy], node, { excludeGroups: [] }).allowed).toBe(false);
  });
});
