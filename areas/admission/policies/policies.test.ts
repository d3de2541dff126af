import * as fs from "fs";
import * as path from "path";
import { parse } from "@bufbuild/cel";
import { CORPUS_PARAMS } from "../../../offline/admission/corpus";
import { compile } from "../../../offline/simulators/kyverno";
import { buildAdmissionPolicies, PORTABLE_FUNCTIONS } from "./index";

const policies = buildAdmissionPolicies(CORPUS_PARAMS);

/** Every CEL expression a policy emits, with where it sits. */
function expressions(): [string, string][] {
  const out: [string, string][] = [];
  for (const p of policies) {
    const s = p.manifest.spec;
    (s.matchConditions ?? []).forEach((c) => out.push([`${p.name} matchConditions.${c.name}`, c.expression]));
    (s.variables ?? []).forEach((v) => out.push([`${p.name} variables.${v.name}`, v.expression]));
    s.validations.forEach((v, i) => {
      out.push([`${p.name} validations[${i}].expression`, v.expression]);
      if (v.messageExpression) out.push([`${p.name} validations[${i}].messageExpression`, v.messageExpression]);
    });
  }
  return out;
}

/** CEL operators and macro helpers the parser emits as calls. */
const OPERATORS = new Set([
  "_&&_",
  "_||_",
  "_?_:_",
  "!_",
  "-_",
  "_==_",
  "_!=_",
  "_<_",
  "_<=_",
  "_>_",
  "_>=_",
  "_+_",
  "_-_",
  "_*_",
  "_/_",
  "_%_",
  "_[_]",
  "@in",
  "@not_strictly_false",
]);

/** Names of every function called in a parsed expression (macros are already expanded to comprehensions). */
function calledFunctions(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => calledFunctions(n, found));
  else if (node !== null && typeof node === "object") {
    const kind = (node as { exprKind?: { case?: string; value?: { function?: string } } }).exprKind;
    if (kind?.case === "callExpr" && kind.value?.function) found.add(kind.value.function);
    for (const [k, v] of Object.entries(node)) if (k !== "$typeName") calledFunctions(v, found);
  }
  return found;
}

describe("emitted CEL", () => {
  const all = expressions();

  test("there are expressions to check", () => {
    expect(all.length).toBeGreaterThan(40);
  });

  test.each(all)("%s compiles on @bufbuild/cel", (_where, expression) => {
    expect(() => compile(expression)).not.toThrow();
  });

  test.each(all)("%s calls only functions Kyverno and @bufbuild/cel share", (_where, expression) => {
    const fns = [...calledFunctions(parse(expression).expr)].filter(
      (f) => !OPERATORS.has(f) && !PORTABLE_FUNCTIONS.includes(f),
    );
    expect(fns).toEqual([]);
    expect(expression).not.toMatch(
      /\.\?|orValue|hasValue|cel\.bind|\bsets\.|\.distinct\(|\.flatten\(|resource\.(Get|List)|http\./,
    );
  });

  test("the portability check itself catches a non-portable call", () => {
    expect(
      [...calledFunctions(parse("[1,2].distinct().size() > 0").expr)].filter(
        (f) => !OPERATORS.has(f) && !PORTABLE_FUNCTIONS.includes(f),
      ),
    ).toEqual(["distinct"]);
  });
});

describe("policy shape", () => {
  test("four policies, each Deny + Fail; only the writers policy judges DELETE", () => {
    expect(policies.map((p) => p.name)).toEqual([
      "atlas-writers",
      "atlas-preview-database-users",
      "atlas-preview-other-kinds",
      "atlas-users-outside-previews",
    ]);
    for (const p of policies) {
      expect([
        p.name,
        p.manifest.apiVersion,
        p.manifest.kind,
        p.manifest.spec.validationActions,
        p.manifest.spec.failurePolicy,
      ]).toEqual([p.name, "policies.kyverno.io/v1", "ValidatingPolicy", ["Deny"], "Fail"]);
      const operations = p.name === "atlas-writers" ? ["CREATE", "UPDATE", "DELETE"] : ["CREATE", "UPDATE"];
      expect([p.name, p.manifest.spec.matchConstraints.resourceRules.map((r) => r.operations)]).toEqual([
        p.name,
        p.manifest.spec.matchConstraints.resourceRules.map(() => operations),
      ]);
      expect(p.rules.length).toBe(p.manifest.spec.validations.length);
    }
  });

  test("atlas-access/generated-by names the repository file that defines each policy", () => {
    const root = path.join(__dirname, "..", "..", "..");
    const definedIn = (file: string) =>
      fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), "utf8") : "(missing)";
    expect(
      policies.map((p) => {
        const file = p.manifest.metadata.annotations["atlas-access/generated-by"] ?? "(none)";
        return [file, definedIn(file).includes(`"${p.name}"`)];
      }),
    ).toEqual(policies.map((p) => [`areas/admission/policies/${p.name}/policy.ts`, true]));
  });

  test("the preview namespace is matched with an anchored pattern that needs a number", () => {
    const conds = policies
      .flatMap((p) => p.manifest.spec.matchConditions ?? [])
      .filter((c) => c.name === "preview-namespace");
    expect(conds.map((c) => c.expression)).toEqual([
      "request.namespace.matches('^pr-[0-9]+$')",
      "request.namespace.matches('^pr-[0-9]+$')",
    ]);
    expect(policies[0]?.manifest.spec.matchConditions?.[1]).toEqual({
      name: "operator-watched-namespace",
      expression: "request.namespace.matches('^pr-[0-9]+$') || request.namespace == 'mongodb-atlas-system'",
    });
  });

  test("the writers policy and the other-kinds policy cover every *.mongodb.com group, resource and (writers) subresource", () => {
    const atlasGroup = {
      name: "atlas-group",
      expression: "request.resource.group == 'mongodb.com' || request.resource.group.endsWith('.mongodb.com')",
    };
    const [writers, , otherKinds] = policies;
    expect(writers?.manifest.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"], operations: ["CREATE", "UPDATE", "DELETE"] },
    ]);
    expect(otherKinds?.manifest.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["CREATE", "UPDATE"] },
    ]);
    expect([writers?.manifest.spec.matchConditions?.[0], otherKinds?.manifest.spec.matchConditions?.[0]]).toEqual([
      atlasGroup,
      atlasGroup,
    ]);
  });

  test("the group condition reads only request, so Kyverno offloads it to the API server (no namespaceObject)", () => {
    for (const p of policies) {
      const group = p.manifest.spec.matchConditions?.find((c) => c.name === "atlas-group");
      if (group)
        expect([p.name, /\b(namespaceObject|object|oldObject|variables)\b/.test(group.expression)]).toEqual([
          p.name,
          false,
        ]);
    }
  });

  test("the writers policy names the deployers and the operator's service account", () => {
    expect(policies[0]?.rules).toEqual([
      {
        id: "subresource-writer",
        summary:
          "a subresource (status) of an Atlas resource is written only by the operator's service account system:serviceaccount:mongodb-atlas-system:mongodb-atlas-operator",
      },
      {
        id: "writer",
        summary:
          "in preview namespaces and mongodb-atlas-system: the deployers (users github-deployer@syrf-staging.iam.gserviceaccount.com) create, update and delete; the operator only updates leaving spec unchanged; system:serviceaccount:kube-system:namespace-controller and system:serviceaccount:kube-system:generic-garbage-collector only delete",
      },
    ]);
  });

  test("the AtlasDatabaseUser policy's rules, in order", () => {
    expect(policies[1]?.rules.map((r) => r.id).slice(9)).toEqual([
      "delete-after-date",
      "connection-secret",
      "reconciliation-policy",
      "external-import",
      "control-metadata",
      "finalizers",
      "lifecycle",
    ]);
    expect(policies[1]?.rules.slice(0, 9)).toEqual([
      {
        id: "dangerous-roles",
        summary:
          "no role in atlasAdmin, readWriteAnyDatabase, readAnyDatabase, dbAdminAnyDatabase, userAdminAnyDatabase, root, clusterMonitor, clusterAdmin, clusterManager, hostManager, backup, restore, enableSharding, dbAdmin, dbOwner, userAdmin, killOpSession (compared trimmed, case-insensitive)",
      },
      {
        id: "protected-databases",
        summary: "no role on syrftest, syrf_staging, admin, local, config (compared trimmed, case-insensitive)",
      },
      { id: "role-allowlist", summary: "every role is exactly one of read, readWrite (no custom roles)" },
      { id: "own-database", summary: "every role is on exactly syrf_pr_<N>, N from the namespace pr-<N>" },
      { id: "scopes", summary: "scopes present and only CLUSTER syrf-shared" },
      { id: "username", summary: "username is exactly syrf_pr_<N>_app" },
      {
        id: "project",
        summary:
          "references the project only as projectRef shared-project in namespace mongodb-atlas-system (no other namespace, no externalProjectRef)",
      },
      {
        id: "password-user",
        summary:
          "a password user: awsIamType, x509Type, oidcAuthType absent or NONE, passwordSecretRef set, auth database admin",
      },
      { id: "delete-annotation", summary: "annotated mongodb.com/atlas-resource-policy: delete" },
    ]);
  });
});
