/**
 * The operator, its CRDs and its Atlas credential as the real program registers them (prod: none; staging without
 * previews). The components' own argument checks: `componentArgs.test.ts`; previews: `Previews.test.ts`.
 */
import * as path from "path";
import { type RunResult, runStack } from "../../offline/harness";
import { unwrapSecrets } from "../../offline/registrations";
import { NS, T, metadataOf, ofType, one, valuesOf, withPreviews } from "./fixtures/registrations";
import { committedRun } from "../../test/support/committedRuns";

const runs: Record<string, RunResult> = {};
beforeAll(async () => {
  // Sequential: the harness's mock monitor is process-global.
  runs.prod = await committedRun("prod");
  runs.zero = await runStack({ stack: "staging", mutateConfig: withPreviews([]) });
  runs.rotated = await runStack({
    stack: "staging",
    mutateConfig: (cfg) => {
      withPreviews([])(cfg);
      (cfg.operator as { credential: { rotation: { rotatedOn: string } } }).credential.rotation.rotatedOn =
        "2027-01-20";
    },
  });
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

describe("operator credential", () => {
  it("is a service account holding exactly GROUP_DATABASE_ACCESS_ADMIN on the project and the least org role", () => {
    const r = run("zero");
    expect(one(r, T.sa).inputs.roles).toEqual(["ORG_MEMBER"]);
    expect(one(r, T.sa).inputs.secretExpiresAfterHours).toBe(8);
    expect(one(r, T.saProject).inputs).toEqual({
      clientId: "mdb_sa_id_mock_operator-credential-20261130-account",
      projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
      roles: ["GROUP_DATABASE_ACCESS_ADMIN"],
    });
    expect(ofType(r, T.saProject)).toHaveLength(1);
  });

  it("is usable only from the configured access list", () => {
    expect(ofType(run("zero"), T.saAccess).map((e) => e.inputs)).toEqual([
      {
        orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
        clientId: "mdb_sa_id_mock_operator-credential-20261130-account",
        cidrBlock: "203.0.113.16/29",
      },
    ]);
  });

  it("creates the client secret only after the role and the access list", () => {
    const s = one(run("zero"), T.saSecret);
    expect(s.inputs).toEqual({
      orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
      clientId: "mdb_sa_id_mock_operator-credential-20261130-account",
      secretExpiresAfterHours: 2160,
    });
    expect(s.dependsOn).toEqual(
      expect.arrayContaining(["operator-credential-20261130-project", "operator-credential-20261130-access-0"]),
    );
  });

  it("is one generation named after its rotation date, and the plan shows when to rotate it", () => {
    const r = run("zero");
    expect(one(r, T.sa).name).toBe("operator-credential-20261130-account");
    expect(one(r, T.sa).inputs.name).toBe("atlas-kubernetes-operator-2026-11-30");
    expect(r.outputs.accessSummary.find((s) => s.name === "operator-credential")?.lines[2]).toBe(
      "generation 2026-11-30: rotate by 2027-01-29 (every 60 days: set operator.credential.rotation.rotatedOn to the day of rotation and deploy); its client secret expires 2160 hours after creation",
    );
  });

  it("rotates by replacing the whole generation, and the operator's Secret takes the new one in the same run", () => {
    const r = run("rotated");
    const names = r.registrations
      .filter((x) => x.type.startsWith("mongodbatlas:index/serviceAccount"))
      .map((x) => x.name);
    expect(names).toEqual([
      "operator-credential-20270120-account",
      "operator-credential-20270120-project",
      "operator-credential-20270120-access-0",
      "operator-credential-20270120-secret",
    ]);
    const secret = ofType(r, T.secret).find((s) => metadataOf(s).name === "mongodb-atlas-operator-api-key");
    expect(unwrapSecrets(secret?.inputs.stringData)).toEqual({
      orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
      clientId: "mdb_sa_id_mock_operator-credential-20270120-account",
      clientSecret: "mock-sa-secret-operator-credential-20270120-secret",
    });
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
    expect(rel.dependsOn).toEqual(
      expect.arrayContaining(["atlas-operator-api-key", "atlas-operator-crds", "atlas-operator-namespace"]),
    );
  });

  it("installs the CRDs on their own, from the CRD chart at the same pinned version, protected", () => {
    const crds = one(run("zero"), T.release, "atlas-operator-crds");
    expect([crds.inputs, crds.protect, crds.parentType]).toEqual([
      {
        name: "mongodb-atlas-operator-crds",
        chart: "mongodb-atlas-operator-crds",
        version: "2.15.1",
        repositoryOpts: { repo: "https://mongodb.github.io/helm-charts" },
        namespace: NS,
        createNamespace: false,
        atomic: true,
        cleanupOnFail: true,
        compat: "true",
      },
      true,
      "atlas-access:kubernetes:OperatorCrds",
    ]);
  });

  it("has exact values: explicit watch list, Role per namespace, deletion protection, restricted security context", () => {
    expect(valuesOf(run("zero"))).toEqual({
      watchNamespaces: [NS],
      crossNamespaceRoles: true,
      objectDeletionProtection: true,
      subobjectDeletionProtection: true,
      "mongodb-atlas-operator-crds": { enabled: false },
      podSecurityContext: { runAsNonRoot: true, runAsUser: 2000, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      },
    });
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
});
