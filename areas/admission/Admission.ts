import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE_NAME, isPreviewNamespace } from "../../domain/kubernetes";
import type { AccessSummary } from "../../domain/summary";
import { ArgsCheck } from "../component";
import { DEFAULT_KYVERNO_CHART_VERSION, DEFAULT_KYVERNO_NAMESPACE, KYVERNO_CHART_VERSION } from "./config";
import { admissionParamsProblems, buildAdmissionPolicies } from "./policies";
import type { AdmissionPolicy, AdmissionPolicyParams } from "./policies";

/**
 * The Kubernetes provider (v4.18+) reports a custom resource created only once this holds: Kyverno sets
 * `status.conditionStatus.ready` on a ValidatingPolicy when its webhook enforces it (the ValidatingPolicy CRD of
 * Kyverno 1.19, `vendor/crds/kyverno-1.19.0/`). Whatever depends on a policy then waits until it is enforced.
 */
export const WAIT_FOR_READY = { "pulumi.com/waitFor": "jsonpath={.status.conditionStatus.ready}=true" } as const;

/** Kyverno's Helm repository. */
export const KYVERNO_REPO = "https://kyverno.github.io/kyverno/";

/**
 * High availability per the Kyverno installation guide: the admission controller (which serves the webhook every
 * Atlas request goes through, with failurePolicy Fail) at 3 replicas, the other controllers at 2.
 */
export const KYVERNO_HA_VALUES = {
  admissionController: { replicas: 3 },
  backgroundController: { replicas: 2 },
  cleanupController: { replicas: 2 },
  reportsController: { replicas: 2 },
};

export interface AdmissionArgs {
  /** Exact `kyverno` chart version, `3.9.<patch>`. @default "3.9.0" */
  kyvernoChartVersion?: string;
  /** Namespace Kyverno is installed in (created by the release). @default "kyverno" */
  kyvernoNamespace?: string;
  /** What the policies enforce (preview prefixes, clusters, protected databases, project reference, operator namespace). */
  policy: AdmissionPolicyParams;
  /**
   * Resources the policies must wait for besides Kyverno: the Atlas operator's CRDs (they must exist before a policy
   * naming them is admitted). @default []
   */
  dependsOn?: pulumi.Resource[];
}

/**
 * Kyverno (Helm release, HA) and the ValidatingPolicies of `areas/admission/policies/` as custom resources that
 * depend on the Kyverno release and the Atlas CRDs, each reported created only once Kyverno enforces it.
 */
export class Admission extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;
  public readonly policies: AdmissionPolicy[];
  public readonly release: k8s.helm.v3.Release;
  /** The policies as registered: what must be enforced before anything lands in a preview namespace. */
  public readonly policyResources: k8s.apiextensions.CustomResource[];

  constructor(name: string, args: AdmissionArgs, opts?: pulumi.ComponentResourceOptions) {
    const version = args.kyvernoChartVersion ?? DEFAULT_KYVERNO_CHART_VERSION;
    const namespace = args.kyvernoNamespace ?? DEFAULT_KYVERNO_NAMESPACE;
    validateAdmissionArgs(name, version, namespace, args.policy);
    const policies = buildAdmissionPolicies(args.policy);

    super("atlas-access:admission:Admission", name, {}, opts);
    this.policies = policies;

    this.release = new k8s.helm.v3.Release(
      `${name}-kyverno`,
      {
        name: "kyverno",
        chart: "kyverno",
        version,
        repositoryOpts: { repo: KYVERNO_REPO },
        namespace,
        createNamespace: true,
        values: KYVERNO_HA_VALUES,
      },
      { parent: this },
    );

    this.policyResources = policies.map(
      (p) =>
        new k8s.apiextensions.CustomResource(
          `${name}-${p.name}`,
          {
            apiVersion: p.manifest.apiVersion,
            kind: p.manifest.kind,
            metadata: {
              ...p.manifest.metadata,
              annotations: { ...p.manifest.metadata.annotations, ...WAIT_FOR_READY },
            },
            spec: p.manifest.spec,
          },
          { parent: this, dependsOn: [this.release, ...(args.dependsOn ?? [])] },
        ),
    );

    this.summary = {
      component: "atlas-access:admission:Admission",
      name,
      lines: [
        `Kyverno chart ${version} in namespace ${namespace} (admission controller 3 replicas, other controllers 2)`,
        ...policies.flatMap((p) => [
          `ValidatingPolicy ${p.name} (Deny, failurePolicy Fail, CREATE and UPDATE):`,
          ...p.rules.map((r) => `  ${r.id}: ${r.summary}`),
        ]),
      ],
    };
    this.registerOutputs({ policyNames: policies.map((p) => p.name) });
  }
}

/** Every problem of the arguments, thrown at once before anything (the component included) is registered. */
function validateAdmissionArgs(name: string, version: string, namespace: string, policy: AdmissionPolicyParams): void {
  const check = new ArgsCheck();
  check.expect(
    KYVERNO_CHART_VERSION.test(version),
    "kyvernoChartVersion",
    version,
    `must be an exact chart version 3.9.<patch> (Kyverno 1.19.x), e.g. ${DEFAULT_KYVERNO_CHART_VERSION}`,
  );
  check.expect(
    NAMESPACE_NAME.test(namespace) && !isPreviewNamespace(namespace),
    "kyvernoNamespace",
    namespace,
    `must be a Kubernetes namespace name that is not a preview namespace pr-<N>, e.g. ${DEFAULT_KYVERNO_NAMESPACE}`,
  );
  for (const problem of admissionParamsProblems(policy))
    check.bad(`policy.${problem.param}`, problem.value, problem.fix);
  check.throwIfAny("Admission", name);
}
