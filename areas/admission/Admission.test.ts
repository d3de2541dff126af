import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { renderArtifacts } from "../../offline/artifacts";
import { registeredBefore, runStack } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import { buildAdmissionPolicies } from "./policies";
import { CORPUS_PARAMS, POLICIES_DIR } from "../../offline/admission/corpus";
import { renderedPolicyPath } from "../../offline/admission/generate";
import { Admission, WAIT_FOR_READY } from "./Admission";
import { KYVERNO_VALUES } from "./kyvernoValues";
import { nativePolicy } from "./policies";
import { ArgumentsError } from "../component";
import { committedRun } from "../../test/support/committedRuns";

/** Staging with pull request 123 open, so that a preview user exists next to the policies that judge it. */
function withPreviews(cfg: Record<string, unknown>): void {
  cfg.previewList = { open: [123], closing: [] };
}

const ofType = (regs: Registration[], type: string) => regs.filter((r) => r.type === type);

describe("Admission component in the staging stack", () => {
  let regs: Registration[];
  let summary: { component: string; name: string; lines: string[] }[];
  beforeAll(async () => {
    const run = await runStack({ stack: "staging", mutateConfig: withPreviews });
    regs = run.registrations;
    summary = run.outputs.accessSummary;
  });

  test("installs Kyverno by a pinned Helm release with high-availability values", () => {
    // The other release in staging is the Atlas operator's (areas/operator/AtlasOperator.ts).
    const [release, ...more] = ofType(regs, "kubernetes:helm.sh/v3:Release").filter((r) => r.parent === "admission");
    expect(more).toEqual([]);
    expect([release?.name, release?.parent]).toEqual(["admission-kyverno", "admission"]);
    expect(release?.inputs).toMatchObject({
      name: "kyverno",
      chart: "kyverno",
      version: "3.9.0",
      repositoryOpts: { repo: "https://kyverno.github.io/kyverno/" },
      namespace: "kyverno",
      createNamespace: true,
      values: {
        admissionController: { replicas: 3 },
        backgroundController: { replicas: 2 },
        cleanupController: { replicas: 2 },
        reportsController: { replicas: 2 },
        config: { excludeGroups: [] },
      },
    });
    expect(release?.inputs.values).toEqual(KYVERNO_VALUES);
  });

  test("registers exactly the corpus's policies (the staging config and CORPUS_PARAMS agree), each depending on the Kyverno release and the Atlas CRDs (both CRD sets must exist), reported created once Ready", () => {
    // Registration order of sibling resources is not deterministic: compare by name.
    const crs = regs
      .filter((r) => r.type.startsWith("kubernetes:policies.kyverno.io/v1:"))
      .sort((a, b) => a.name.localeCompare(b.name));
    const expected = buildAdmissionPolicies(CORPUS_PARAMS).sort((a, b) => a.name.localeCompare(b.name));
    expect(crs.map((r) => [r.type, r.name, r.parent, r.dependsOn])).toEqual(
      expected.map((p) => [
        "kubernetes:policies.kyverno.io/v1:ValidatingPolicy",
        `admission-${p.name}`,
        "admission",
        ["admission-kyverno", "atlas-operator-crds"],
      ]),
    );
    const waitFor = { "pulumi.com/waitFor": "jsonpath={.status.conditionStatus.ready}=true" };
    expect(crs.map((r) => r.inputs)).toEqual(
      expected.map((p) => ({
        ...p.manifest,
        metadata: { ...p.manifest.metadata, annotations: { ...p.manifest.metadata.annotations, ...waitFor } },
      })),
    );
  });

  test("the committed rendered policy of each policy folder is what the staging stack registers and npm run plan writes", () => {
    const files = renderArtifacts(regs);
    const registered = regs.filter((r) => r.type === "kubernetes:policies.kyverno.io/v1:ValidatingPolicy");
    const names = buildAdmissionPolicies(CORPUS_PARAMS).map((p) => p.name);
    expect(registered.map((r) => r.name).sort()).toEqual(names.map((n) => `admission-${n}`).sort());
    // The registered policies also carry the Pulumi provider's `pulumi.com/waitFor` annotation (not a Kyverno field).
    const withoutWaitFor = (p: unknown) => {
      const metadata = structuredClone((p as { metadata: { annotations: Record<string, string> } }).metadata);
      expect(metadata.annotations["pulumi.com/waitFor"]).toBe(WAIT_FOR_READY["pulumi.com/waitFor"]);
      delete metadata.annotations["pulumi.com/waitFor"];
      return { ...(p as object), metadata };
    };
    for (const name of names) {
      const committed = parseYaml(fs.readFileSync(path.join(POLICIES_DIR, renderedPolicyPath(name)), "utf8"));
      const inputs = withoutWaitFor(registered.find((r) => r.name === `admission-${name}`)?.inputs);
      const planned = withoutWaitFor(parseYaml(files.get(`kubernetes/ValidatingPolicy-${name}.yaml`) ?? "null"));
      expect([name, committed]).toEqual([name, inputs]);
      expect([name, committed]).toEqual([name, planned]);
    }
  });

  test("the plan summary lists each policy with the rules it enforces", () => {
    const admission = summary.find((s) => s.component === "atlas-access:admission:Admission");
    expect(admission?.lines.slice(0, 4)).toEqual([
      "Kyverno chart 3.9.0 in namespace kyverno (admission controller 3 replicas, other controllers 2, no excluded groups)",
      "ValidatingPolicy atlas-writers (Deny, failurePolicy Fail, CREATE, UPDATE, DELETE):",
      "  subresource-writer: a subresource (status) of an Atlas resource is written only by the operator's service account system:serviceaccount:mongodb-atlas-system:mongodb-atlas-operator",
      "  writer: in preview namespaces and mongodb-atlas-system: the deployers (users github-deployer@syrf-staging.iam.gserviceaccount.com) create, update and delete; the operator only updates leaving spec unchanged; system:serviceaccount:kube-system:namespace-controller and system:serviceaccount:kube-system:generic-garbage-collector only delete",
    ]);
    expect(admission?.lines.filter((l) => l.startsWith("ValidatingPolicy "))).toEqual([
      "ValidatingPolicy atlas-writers (Deny, failurePolicy Fail, CREATE, UPDATE, DELETE):",
      "ValidatingPolicy atlas-preview-database-users (Deny, failurePolicy Fail, CREATE, UPDATE):",
      "ValidatingPolicy atlas-preview-other-kinds (Deny, failurePolicy Fail, CREATE, UPDATE):",
      "ValidatingPolicy atlas-users-outside-previews (Deny, failurePolicy Fail, CREATE, UPDATE):",
    ]);
    expect(admission?.lines).toContain(
      "  outside-previews: Atlas users are refused outside pr-<N> and mongodb-atlas-system",
    );
  });
});

describe("Admission wiring and bad input", () => {
  test("the prod stack (no operator, no previews) declares no Kyverno and no policy", async () => {
    const { registrations } = await committedRun("prod");
    expect(
      registrations.filter(
        (r) =>
          r.type.includes("kyverno") ||
          r.type === "kubernetes:helm.sh/v3:Release" ||
          r.type.startsWith("atlas-access:admission"),
      ),
    ).toEqual([]);
  });

  test("the users must reference exactly the project the operator gives preview users", async () => {
    const { registrations } = await runStack({ stack: "staging", mutateConfig: withPreviews });
    const users = registrations.find((r) => r.name === "admission-atlas-preview-database-users");
    const validations = (users?.inputs.spec as { validations: { expression: string }[] }).validations;
    const preview = registrations.find((r) => r.type === "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser");
    const projectRef = (preview?.inputs.spec as { projectRef: { name: string; namespace: string } }).projectRef;
    expect(projectRef).toEqual({ name: "shared-project", namespace: "mongodb-atlas-system" });
    expect(validations[6]?.expression).toContain("variables.spec.projectRef.name == 'shared-project'");
    expect(validations[6]?.expression).toContain("variables.spec.projectRef.namespace == 'mongodb-atlas-system'");
  });

  test("a chart version range is refused by the config with its key path, nothing registered", async () => {
    const error = await runStack({
      stack: "staging",
      mutateConfig: (c) => {
        withPreviews(c);
        c.admission = { ...(c.admission as object), kyvernoChartVersion: "^3.9.0" };
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'atlas-access:admission.kyvernoChartVersion: got "^3.9.0"; must be an exact kyverno chart version 3.9.<patch> (Kyverno 1.19.x), e.g. 3.9.0; ranges are not allowed',
    );
    expect(registeredBefore(error)).toEqual([]);
  });

  test("an admission section in a stack without previews is refused: it would be silently ignored", async () => {
    const error = await runStack({
      stack: "prod",
      mutateConfig: (c) => {
        c.admission = { deployers: { users: ["ci@example.com"] } };
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Invalid stack configuration (1 problem); nothing was registered:\n" +
        '  - atlas-access:admission: got {"deployers":{"users":["ci@example.com"],"groups":[],"serviceAccounts":[]},"engine":"kyverno","kyvernoChartVersion":"...; has no effect: the admission policies are declared only in the stack that owns the previews (atlas-access:previews); remove it here',
    );
    expect(registeredBefore(error)).toEqual([]);
  });

  test("an unknown admission key is refused", async () => {
    const error = await runStack({
      stack: "staging",
      mutateConfig: (c) => {
        withPreviews(c);
        c.admission = { ...(c.admission as object), kyvernoVersion: "1.19.0" };
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      "atlas-access:admission.kyvernoVersion: unknown key; accepted keys here: deployers, engine, kyvernoChartVersion, kyvernoNamespace",
    );
    expect(registeredBefore(error)).toEqual([]);
  });

  test("a preview prefix the policies cannot express safely is refused before anything is registered", async () => {
    const error = await runStack({
      stack: "staging",
      mutateConfig: (c) => {
        withPreviews(c);
        (c.previews as Record<string, unknown>).databasePrefix = "syrf'pr_";
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      `atlas-access:previews.databasePrefix: got "syrf'pr_"; must be a database name prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters`,
    );
    expect(registeredBefore(error)).toEqual([]);
  });

  test("the component lists every bad argument at once, policy parameters included, before registering anything", () => {
    const build = () =>
      new Admission("admission", {
        kyvernoChartVersion: "3.10.0",
        kyvernoNamespace: "pr-7",
        engine: "gatekeeper" as "kyverno",
        policy: {
          ...CORPUS_PARAMS,
          databasePrefix: "syrf'pr_",
          previewClusters: [],
          writers: { deployerUsers: [], deployerGroups: ["system:authenticated"], operator: "mongodb-atlas-operator" },
        },
      });
    expect(build).toThrow(ArgumentsError);
    expect(build).toThrow(
      'Admission "admission": invalid arguments; nothing was created:\n' +
        '  - args.engine: got "gatekeeper"; must be one of kyverno, native\n' +
        '  - args.kyvernoChartVersion: got "3.10.0"; must be an exact chart version 3.9.<patch> (Kyverno 1.19.x), e.g. 3.9.0\n' +
        '  - args.kyvernoNamespace: got "pr-7"; must be a Kubernetes namespace name that is not a preview namespace pr-<N>, e.g. kyverno\n' +
        `  - args.policy.databasePrefix: got "syrf'pr_"; must be lowercase letters, digits and '_', starting with a letter (e.g. syrf_pr_)\n` +
        "  - args.policy.previewClusters: got []; must be a non-empty list, each an Atlas cluster name: letters, digits and '-', 1-64 characters\n" +
        '  - args.policy.writers.deployerGroups[0]: got "system:authenticated"; must not be a group everyone belongs to\n' +
        '  - args.policy.writers.operator: got "mongodb-atlas-operator"; must be the operator\'s service account system:serviceaccount:<namespace>:<name>, and not a deployer',
    );
  });
});

describe("the native engine", () => {
  test("registers each policy as a ValidatingAdmissionPolicy and its Deny binding, and no Kyverno", async () => {
    const { registrations } = await runStack({
      stack: "staging",
      mutateConfig: (c) => {
        withPreviews(c);
        (c.admission as Record<string, unknown>).engine = "native";
      },
    });
    const native = buildAdmissionPolicies(CORPUS_PARAMS).map(nativePolicy);
    const vaps = registrations.filter(
      (r) => r.type === "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
    );
    const bindings = registrations.filter(
      (r) => r.type === "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
    );
    const byName = (a: Registration, b: Registration) => a.name.localeCompare(b.name);
    expect(vaps.sort(byName).map((r) => [r.name, r.inputs, r.dependsOn])).toEqual(
      native
        .map((n) => [`admission-${n.name}`, n.policy, ["atlas-operator-crds"]])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(bindings.sort(byName).map((r) => [r.name, r.inputs.spec, r.dependsOn])).toEqual(
      native
        .map((n) => [
          `admission-${n.name}-binding`,
          { policyName: n.name, validationActions: ["Deny"] },
          [`admission-${n.name}`],
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(
      registrations.filter(
        (r) => r.type.includes("kyverno") || (r.type === "kubernetes:helm.sh/v3:Release" && r.parent === "admission"),
      ),
    ).toEqual([]);
  });
});
