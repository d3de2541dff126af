import * as path from "path";
import { registeredBefore, runStack, type RunResult } from "../../offline/harness";
import { isSecret, unwrapSecrets, type Registration } from "../../offline/registrations";
import { CrdValidator, VENDORED_CRDS } from "../../offline/simulators/crd";
import { AtlasOperator } from "./AtlasOperator";
import { OperatorCredential } from "./OperatorCredential";
import { Previews } from "./Previews";

const NS = "mongodb-atlas-system";
const T = {
  release: "kubernetes:helm.sh/v3:Release",
  namespace: "kubernetes:core/v1:Namespace",
  secret: "kubernetes:core/v1:Secret",
  user: "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser",
  project: "kubernetes:atlas.mongodb.com/v1:AtlasProject",
  sa: "mongodbatlas:index/serviceAccount:ServiceAccount",
  saProject: "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
  saAccess: "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
  saSecret: "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret",
};

type PreviewsCfg = { pullRequests: number[]; closing: number[]; maxPreviews: number };
const withPreviews =
  (open: number[], closing: number[] = []) =>
  (cfg: Record<string, unknown>) => {
    const p = cfg.previews as PreviewsCfg;
    p.pullRequests = open;
    p.closing = closing;
  };

const ofType = (run: RunResult, type: string) => run.registrations.filter((r) => r.type === type);
function one(run: RunResult, type: string, name?: string): Registration {
  const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0] as Registration;
}
const metadataOf = (r: Registration) =>
  r.inputs.metadata as {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
const valuesOf = (run: RunResult) =>
  one(run, T.release, "atlas-operator-release").inputs.values as Record<string, unknown>;
/** An AtlasDatabaseUser as the API server would receive it. */
const userObject = (r: Registration) => ({
  apiVersion: r.inputs.apiVersion,
  kind: r.inputs.kind,
  metadata: r.inputs.metadata,
  spec: r.inputs.spec,
});

const expectedUser = (pr: number) => ({
  apiVersion: "atlas.mongodb.com/v1",
  kind: "AtlasDatabaseUser",
  metadata: {
    name: `pr-${pr}`,
    namespace: `pr-${pr}`,
    labels: {
      "atlas-access.io/preview": "true",
      "atlas-access.io/preview-state": "open",
      "atlas-access.io/pull-request": String(pr),
    },
    annotations: { "mongodb.com/atlas-resource-policy": "delete" },
  },
  spec: {
    projectRef: { name: "shared-project", namespace: NS },
    username: `syrf_pr_${pr}_app`,
    databaseName: "admin",
    passwordSecretRef: { name: "atlas-user-password" },
    roles: [{ roleName: "readWrite", databaseName: `syrf_pr_${pr}` }],
    scopes: [{ name: "syrf-shared", type: "CLUSTER" }],
    description: `Preview user of pull request #${pr} (atlas-access)`,
  },
});

const runs: Record<string, RunResult> = {};
beforeAll(async () => {
  // Sequential: the harness's mock monitor is process-global.
  runs.prod = await runStack({ stack: "prod" });
  runs.zero = await runStack({ stack: "staging", mutateConfig: withPreviews([]) });
  runs.one = await runStack({ stack: "staging", mutateConfig: withPreviews([123]) });
  runs.three = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 7, 123]) });
  // Removal: 7 and 123 open → 7 closing → 7 gone.
  runs.closing = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 123], [7]) });
  runs.removed = await runStack({ stack: "staging", mutateConfig: withPreviews([456, 123], []) });
}, 60000);
const run = (k: string) => runs[k] as RunResult;

describe("prod stack: no operator", () => {
  it("registers no Kubernetes object and no operator credential, and exports no watch list", () => {
    const kinds = run("prod")
      .registrations.map((r) => r.type)
      .filter(
        (t) =>
          t.startsWith("kubernetes:") ||
          t.startsWith("mongodbatlas:index/serviceAccount") ||
          t.startsWith("atlas-access:kubernetes:"),
      );
    expect(kinds).toEqual([]);
    expect(run("prod").outputs.operatorWatchNamespaces).toBeUndefined();
  });
});

describe("operator credential (issue 6 item 3)", () => {
  it("is a service account holding exactly GROUP_DATABASE_ACCESS_ADMIN on the project and the least org role", () => {
    const r = run("zero");
    expect(one(r, T.sa).inputs.roles).toEqual(["ORG_MEMBER"]);
    expect(one(r, T.sa).inputs.secretExpiresAfterHours).toBe(8);
    expect(one(r, T.saProject).inputs).toEqual({
      clientId: "mdb_sa_id_mock_operator-credential-account",
      projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
      roles: ["GROUP_DATABASE_ACCESS_ADMIN"],
    });
    expect(ofType(r, T.saProject)).toHaveLength(1);
  });

  it("is usable only from the configured access list", () => {
    expect(ofType(run("zero"), T.saAccess).map((e) => e.inputs)).toEqual([
      {
        orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
        clientId: "mdb_sa_id_mock_operator-credential-account",
        cidrBlock: "203.0.113.16/29",
      },
    ]);
  });

  it("creates the client secret only after the role and the access list", () => {
    const s = one(run("zero"), T.saSecret);
    expect(s.inputs).toEqual({
      orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
      clientId: "mdb_sa_id_mock_operator-credential-account",
      secretExpiresAfterHours: 2160,
    });
    expect(s.dependsOn).toEqual(
      expect.arrayContaining(["operator-credential-project", "operator-credential-access-0"]),
    );
  });

  it("exposes clientId and clientSecret as secret outputs", async () => {
    // A one-component program under the same mocks reports `pulumi.isSecret` of both outputs.
    const res = await runStack({
      stack: "staging",
      programDir: path.join(__dirname, "fixtures", "credential-program"),
    });
    expect(res.outputs).toEqual({ clientIdIsSecret: true, clientSecretIsSecret: true });
  });
});

describe("the operator release", () => {
  it("installs the pinned chart from the MongoDB repository into the operator namespace", () => {
    const rel = one(run("zero"), T.release, "atlas-operator-release");
    expect([
      rel.inputs.chart,
      rel.inputs.version,
      rel.inputs.repositoryOpts,
      rel.inputs.namespace,
      rel.inputs.name,
    ]).toEqual([
      "mongodb-atlas-operator",
      "2.15.1",
      { repo: "https://mongodb.github.io/helm-charts" },
      NS,
      "mongodb-atlas-operator",
    ]);
    expect(rel.dependsOn).toContain("atlas-operator-api-key");
  });

  it("has exact values: explicit watch list, Role per namespace, deletion protection, restricted security context", () => {
    expect(valuesOf(run("zero"))).toEqual({
      watchNamespaces: [NS],
      crossNamespaceRoles: true,
      objectDeletionProtection: true,
      subobjectDeletionProtection: true,
      "mongodb-atlas-operator-crds": { enabled: true },
      podSecurityContext: { runAsNonRoot: true, runAsUser: 2000, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      },
    });
  });

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

  it("runs in a namespace enforcing Pod Security restricted", () => {
    expect(metadataOf(one(run("zero"), T.namespace, "atlas-operator-namespace"))).toEqual({
      name: NS,
      labels: {
        "app.kubernetes.io/part-of": "atlas-access",
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      },
    });
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
        clientId: "mdb_sa_id_mock_operator-credential-account",
        clientSecret: "mock-sa-secret-operator-credential-secret",
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
    const previews = one(run("three"), "atlas-access:kubernetes:Previews");
    expect(previews.dependsOn).toEqual(["atlas-operator-release"]);
    expect(ofType(run("three"), T.user).every((u) => u.parent === "previews")).toBe(true);
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

describe("bad input registers nothing", () => {
  it("a glob pull request, a duplicate and a protected prefix fail before any resource", async () => {
    const err = await runStack({
      stack: "staging",
      mutateConfig: (cfg) => {
        const p = cfg.previews as Record<string, unknown>;
        p.pullRequests = [5, 5];
        p.databasePrefix = "syrftest";
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(
      "atlas-access:previews.pullRequests[1]: got 5; duplicate of item [0]; each entry must appear once",
    );
    expect(registeredBefore(err)).toEqual([]);
  });

  it("the components check their own args before creating anything", () => {
    const credential = { clientId: "x", clientSecret: "y" };
    const base = {
      namespace: NS,
      chartVersion: "2.15.1",
      orgId: "o",
      atlasProjectName: "p",
      projectId: "p",
      credential,
    };
    const header = (component: string) => `${component} "t": invalid arguments; nothing was created:\n`;
    expect(() => new AtlasOperator("t", { ...base, watchNamespaces: [] })).toThrow(
      new Error(
        header("AtlasOperator") +
          `  - args.watchNamespaces: got []; must list at least the operator's own namespace ["${NS}"]: an empty list makes the operator cluster-wide (a ClusterRole reading every Secret)`,
      ),
    );
    expect(() => new AtlasOperator("t", { ...base, watchNamespaces: [NS, "pr-*"] })).toThrow(
      new Error(
        header("AtlasOperator") +
          '  - args.watchNamespaces[1]: got "pr-*"; must be an exact namespace name; the operator matches names exactly, list each namespace (e.g. pr-123)',
      ),
    );
    expect(() => new OperatorCredential("t", { orgId: "o", projectId: "p", accessList: ["0.0.0.0/0"] })).toThrow(
      new Error(
        header("OperatorCredential") +
          '  - args.accessList[0]: got "0.0.0.0/0"; is open to the whole internet; list the cluster\'s egress addresses instead',
      ),
    );
    const previews = {
      databasePrefix: "syrf_pr_",
      usernamePrefix: "syrf_pr_",
      clusters: ["c"],
      protectedDatabases: ["syrf_staging"],
      projectRef: { name: "p", namespace: NS },
    };
    expect(
      () =>
        new Previews("t", {
          ...previews,
          previews: [
            { number: 1, state: "open" },
            { number: 1, state: "closing" },
          ],
        }),
    ).toThrow(
      new Error(
        header("Previews") +
          "  - args.previews[1].number: got 1; is listed twice; list it once, either open or closing",
      ),
    );
    expect(() => new Previews("t", { ...previews, databasePrefix: "syrf_", previews: [] })).toThrow(
      new Error(
        header("Previews") +
          '  - args.databasePrefix: got "syrf_"; begins the protected database "syrf_staging"; choose a prefix that begins none of syrf_staging, admin, local, config',
      ),
    );
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
