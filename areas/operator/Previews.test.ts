/**
 * Previews as the real program registers them, from the staging stack with 0, 1, 3 and 500 open pull requests, one
 * closing and one removed: the order of creation, the watch list, the users, the credential staying in the operator
 * namespace, the two-step removal and the real CRDs. The same removal driven by the planner's phases:
 * `Previews.phases.test.ts`. The operator itself is proven in `AtlasOperator.test.ts`.
 */
import { type RunResult, runStack } from "../../offline/harness";
import { isSecret, unwrapSecrets } from "../../offline/registrations";
import { CrdValidator, VENDORED_CRDS } from "../../offline/simulators/crd";
import { orderViolations } from "./fixtures/order";
import {
  NS,
  T,
  expectedUser,
  metadataOf,
  ofType,
  one,
  userObject,
  valuesOf,
  withPreviews,
} from "./fixtures/registrations";

const runs: Record<string, RunResult> = {};
beforeAll(async () => {
  // Sequential: the harness's mock monitor is process-global.
  runs.zero = await runStack({ stack: "staging", mutateConfig: withPreviews([]) });
  runs.one = await runStack({ stack: "staging", mutateConfig: withPreviews([123]) });
  runs.three = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 7, 123]) });
  // Removal: 7 and 123 open → 7 closing → 7 gone.
  runs.closing = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 123], [7]) });
  runs.removed = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 123], []) });
  const many = Array.from({ length: 500 }, (_, i) => 1000 + i);
  runs.fiveHundred = await runStack({ stack: "staging", mutateConfig: withPreviews(many) });
}, 120000);
const run = (k: string) => runs[k] as RunResult;

describe("the order of creation", () => {
  it.each(["zero", "one", "three", "closing", "fiveHundred"])(
    "with %s preview(s): CRDs → policies (Ready) → preview namespaces → operator release → users; every namespaced object after its Namespace",
    (k) => {
      expect(orderViolations(run(k).registrations)).toEqual([]);
    },
  );

  it("at 500 previews: 500 namespaces and users, a watch list of 501 exact names", () => {
    const r = run("fiveHundred");
    expect([ofType(r, T.user).length, ofType(r, T.namespace).length]).toEqual([500, 501]);
    expect((valuesOf(r).watchNamespaces as string[]).slice(0, 3)).toEqual([NS, "pr-1000", "pr-1001"]);
    expect((valuesOf(r).watchNamespaces as string[]).length).toBe(501);
  });

  it("records what each resource waits for, by type and name", () => {
    const r = run("one");
    expect(one(r, T.release, "atlas-operator-release").dependencies).toEqual([
      "kubernetes:core/v1:Namespace:atlas-operator-namespace",
      "kubernetes:helm.sh/v3:Release:atlas-operator-crds",
      "kubernetes:core/v1:Namespace:pr-123",
      "kubernetes:core/v1:Secret:atlas-operator-api-key",
    ]);
    expect(one(r, T.namespace, "pr-123").dependencies.sort()).toEqual(
      ofType(r, T.policy)
        .map((p) => `${T.policy}:${p.name}`)
        .sort(),
    );
    expect(one(r, T.user, "pr-123-user").dependencies.sort()).toEqual([
      "kubernetes:atlas.mongodb.com/v1:AtlasProject:atlas-operator-project",
      "kubernetes:core/v1:Namespace:pr-123",
      "kubernetes:core/v1:Secret:pr-123-password",
      "kubernetes:helm.sh/v3:Release:atlas-operator-release",
    ]);
  });

  it("the check can fail: a release registered before a namespace it watches, and a user before the release", () => {
    // The release (and the Secret it waits for) without the namespace, and registered last.
    const regs = structuredClone(run("one").registrations);
    for (const r of regs.filter((x) => x.name === "atlas-operator-release" || x.name === "atlas-operator-api-key")) {
      r.dependencies = r.dependencies.filter((d) => !d.endsWith(":pr-123"));
    }
    const release = regs.findIndex((r) => r.type === T.release && r.name === "atlas-operator-release");
    regs.push(...regs.splice(release, 1));
    expect(orderViolations(regs)).toEqual([
      "kubernetes:helm.sh/v3:Release:atlas-operator-release: must wait for kubernetes:core/v1:Namespace:pr-123 (the chart renders a Role into watched namespace pr-123)",
      "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser:pr-123-user: must wait for kubernetes:helm.sh/v3:Release:atlas-operator-release (the operator must watch a user's namespace from its creation to its deletion)",
    ]);
  });
});

describe("the watch list", () => {
  it.each([
    ["zero", [NS]],
    ["one", [NS, "pr-123"]],
    ["three", [NS, "pr-7", "pr-123", "pr-456"]],
  ])("with %s preview(s) watches exactly %j, never empty, no pattern", (k, expected) => {
    const watch = valuesOf(run(k)).watchNamespaces as string[];
    expect(watch).toEqual(expected);
    expect(watch.length).toBeGreaterThan(0);
    expect(watch.filter((n) => /[^a-z0-9-]/.test(n))).toEqual([]);
    expect(run(k).outputs.operatorWatchNamespaces).toEqual(expected);
  });

  it("prints the watch list and every preview in the plan summary", () => {
    const lines = run("closing").outputs.accessSummary.flatMap((s) => s.lines);
    expect(lines).toEqual(
      expect.arrayContaining([
        `watchNamespaces (exact names, Role per namespace, no ClusterRole): ${NS}, pr-7, pr-123, pr-456`,
        "pr-7 (closing): namespace pr-7 still watched; user syrf_pr_7_app deleted from Atlas by the operator; dropped at the next run",
        "pr-123 (open): namespace pr-123, user syrf_pr_123_app, readWrite@syrf_pr_123 only, cluster(s) syrf-shared",
        "pr-456 (open): namespace pr-456, user syrf_pr_456_app, readWrite@syrf_pr_456 only, cluster(s) syrf-shared",
      ]),
    );
  });
});

describe("the operator's credential Secret", () => {
  it("exists once, in the operator namespace only, labelled for the operator, with secret service-account fields", () => {
    for (const k of ["zero", "one", "three"]) {
      const secrets = ofType(run(k), T.secret).filter((s) => metadataOf(s).name === "mongodb-atlas-operator-api-key");
      expect(secrets.map((s) => [metadataOf(s).namespace, metadataOf(s).labels])).toEqual([
        [NS, { "atlas.mongodb.com/type": "credentials" }],
      ]);
      const data = secrets[0]?.inputs.stringData;
      expect(isSecret(data)).toBe(true);
      expect(unwrapSecrets(data)).toEqual({
        orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
        clientId: "mdb_sa_id_mock_operator-credential-20261130-account",
        clientSecret: "mock-sa-secret-operator-credential-20261130-secret",
      });
    }
  });

  it("has no copy in any preview namespace: preview Secrets hold only the user's password", () => {
    const previewSecrets = ofType(run("three"), T.secret).filter((s) => metadataOf(s).namespace !== NS);
    expect(
      previewSecrets.map((s) => [metadataOf(s).namespace, Object.keys(unwrapSecrets(s.inputs.stringData) as object)]),
    ).toEqual([
      ["pr-7", ["password"]],
      ["pr-123", ["password"]],
      ["pr-456", ["password"]],
    ]);
    // The Atlas client secret string appears nowhere outside the operator namespace.
    const outside = run("three").registrations.filter(
      (r) => !(r.type === T.secret && metadataOf(r).namespace === NS) && r.type !== T.saSecret,
    );
    expect(JSON.stringify(outside.map((r) => unwrapSecrets(r.inputs)))).not.toContain("mock-sa-secret-");
  });
});

describe("preview users", () => {
  it("registers none with no previews", () => {
    expect(ofType(run("zero"), T.user)).toEqual([]);
  });

  it.each([
    ["one", [123]],
    ["three", [7, 123, 456]],
  ])(
    "with %s preview(s), each user has exactly readWrite on its database, CLUSTER scopes and the delete policy",
    (k, prs) => {
      expect(ofType(run(k), T.user).map(userObject)).toEqual(prs.map(expectedUser));
    },
  );

  it("gives each preview a restricted, labelled namespace and a password Secret labelled for the operator", () => {
    const r = run("one");
    expect(metadataOf(one(r, T.namespace, "pr-123")).labels).toEqual({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
      "atlas-access.io/preview": "true",
      "atlas-access.io/preview-state": "open",
      "atlas-access.io/pull-request": "123",
    });
    const pw = one(r, T.secret, "pr-123-password");
    expect(metadataOf(pw)).toEqual({
      name: "atlas-user-password",
      namespace: "pr-123",
      labels: { "atlas.mongodb.com/type": "credentials", "atlas-access.io/preview": "true" },
    });
    expect(isSecret(pw.inputs.stringData)).toBe(true);
    expect(unwrapSecrets(pw.inputs.stringData)).toEqual({ password: "mock-password-pr-123-password" });
    expect(one(r, "random:index/randomPassword:RandomPassword", "pr-123-password").inputs).toEqual({
      length: 40,
      special: false,
    });
  });

  it("references the project through the operator namespace, never through a credential in the preview namespace", () => {
    for (const u of ofType(run("three"), T.user)) {
      const spec = u.inputs.spec as Record<string, unknown>;
      expect([spec.projectRef, spec.connectionSecret, spec.externalProjectRef]).toEqual([
        { name: "shared-project", namespace: NS },
        undefined,
        undefined,
      ]);
    }
    expect(userObject(one(run("three"), T.project))).toEqual({
      apiVersion: "atlas.mongodb.com/v1",
      kind: "AtlasProject",
      metadata: {
        name: "shared-project",
        namespace: NS,
        annotations: { "mongodb.com/atlas-reconciliation-policy": "skip", "mongodb.com/atlas-resource-policy": "keep" },
      },
      spec: { name: "syrf-shared-project" },
    });
  });

  it("creates users only after the release that makes the operator watch their namespace", () => {
    for (const u of ofType(run("three"), T.user)) {
      expect([u.parentType, u.parent]).toEqual(["atlas-access:kubernetes:PreviewUsers", "previews"]);
      expect(u.dependsOn).toEqual(expect.arrayContaining(["atlas-operator-release", "atlas-operator-project"]));
    }
  });
});

describe("safe removal: the user is deleted while its namespace is still watched", () => {
  it("a closing pull request keeps its namespace in the watch list but has no user or password any more", () => {
    const r = run("closing");
    expect(valuesOf(r).watchNamespaces).toEqual([NS, "pr-7", "pr-123", "pr-456"]);
    expect(metadataOf(one(r, T.namespace, "pr-7")).labels?.["atlas-access.io/preview-state"]).toBe("closing");
    expect(ofType(r, T.user).map((u) => metadataOf(u).namespace)).toEqual(["pr-123", "pr-456"]);
    expect(ofType(r, T.secret).map((s) => metadataOf(s).namespace)).toEqual([NS, "pr-123", "pr-456"]);
  });

  it("closing does not change the release at all, so the operator keeps running and watching while it deletes the user", () => {
    expect(one(run("closing"), T.release, "atlas-operator-release").inputs).toEqual(
      one(run("three"), T.release, "atlas-operator-release").inputs,
    );
  });

  it("the next run, after the pull request leaves `closing`, drops its namespace from the watch list and deletes it", () => {
    const r = run("removed");
    expect(valuesOf(r).watchNamespaces).toEqual([NS, "pr-123", "pr-456"]);
    expect(ofType(r, T.namespace).map((n) => metadataOf(n).name)).toEqual([NS, "pr-123", "pr-456"]);
  });
});

describe("emitted objects validate against the real Atlas operator 2.15.1 CRDs", () => {
  const crds = new CrdValidator(VENDORED_CRDS.atlasOperator);

  it("every AtlasDatabaseUser (1 and 3 previews) passes the OpenAPI schema and the CEL rules", () => {
    const all = [...ofType(run("one"), T.user), ...ofType(run("three"), T.user), ...ofType(run("closing"), T.user)];
    expect(all).toHaveLength(6);
    for (const u of all) {
      expect(crds.has(String(u.inputs.apiVersion), String(u.inputs.kind))).toBe(true);
      expect(crds.validate(userObject(u))).toEqual([]);
    }
  });

  it("the AtlasProject reference passes its CRD", () => {
    expect(crds.validate(userObject(one(run("one"), T.project)))).toEqual([]);
  });

  it("the validator can fail: it rejects a PROJECT scope, a misspelt field and two project references", () => {
    const bad = structuredClone(expectedUser(1)) as { spec: Record<string, unknown> };
    bad.spec.scopes = [{ name: "syrf-shared", type: "PROJECT" }];
    bad.spec.externalProjectRef = { id: "64b7f3a1c2d4e5f6a7b8c9d0" };
    bad.spec.rolez = [];
    expect(crds.validate(bad)).toEqual([
      "/spec: must NOT have additional properties (rolez)",
      "/spec/scopes/0/type: must be equal to one of the allowed values",
      ".spec: must define only one project reference through externalProjectRef or projectRef",
      ".spec: must define a local connection secret when referencing an external project",
    ]);
  });
});
