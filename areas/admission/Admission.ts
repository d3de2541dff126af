import * as pulumi from "@pulumi/pulumi";
import * as helmRelease from "@pulumi/kubernetes/helm/v3/release";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as admissionregistrationv1 from "@pulumi/kubernetes/admissionregistration/v1";
import { NAMESPACE_NAME, isPreviewNamespace } from "../../domain/kubernetes";
import type { AccessSummary } from "../../domain/summary";
import { ArgsCheck } from "../component";
import {
  ADMISSION_ENGINES,
  DEFAULT_KYVERNO_CHART_VERSION,
  DEFAULT_KYVERNO_NAMESPACE,
  KYVERNO_CHART_VERSION,
} from "./config";
import type { AdmissionEngine } from "./config";
import { KYVERNO_VALUES } from "./kyvernoValues";
import { admissionParamsProblems, buildAdmissionPolicies, nativePolicy } from "./policies";
import type { AdmissionPolicy, AdmissionPolicyParams } from "./policies";

/**
 * The Kubernetes provider (v4.18+) reports a custom resource created only once this holds: Kyverno sets
 * `status.conditionStatus.ready` on a ValidatingPolicy when its webhook enforces it (the ValidatingPolicy CRD of
 * Kyverno 1.19, `vendor/crds/kyverno-1.19.0/`). Whatever depends on a policy then waits until it is enforced.
 */
export const WAIT_FOR_READY = { "pulumi.com/waitFor": "jsonpath={.status.conditionStatus.ready}=true" } as const;

/** Kyverno's Helm repository. */
export const KYVERNO_REPO = "https://kyverno.github.io/kyverno/";

export interface AdmissionArgs {
  /** `kyverno` (ValidatingPolicies, Kyverno installed here) or `native` (ValidatingAdmissionPolicies). @default "kyverno" */
  engine?: AdmissionEngine;
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
  /** Kyverno's release; undefined with the native engine. */
  public readonly release: helmRelease.Release | undefined;
  /**
   * What must be enforced before anything lands in a preview namespace: the ValidatingPolicies (each reported created
   * once Kyverno enforces it), or the native policies' bindings.
   */
  public readonly policyResources: pulumi.Resource[];

  constructor(name: string, args: AdmissionArgs, opts?: pulumi.ComponentResourceOptions) {
    const version = args.kyvernoChartVersion ?? DEFAULT_KYVERNO_CHART_VERSION;
    const namespace = args.kyvernoNamespace ?? DEFAULT_KYVERNO_NAMESPACE;
    validateAdmissionArgs(name, args.engine ?? "kyverno", version, namespace, args.policy);
    const policies = buildAdmissionPolicies(args.policy);

    super("atlas-access:admission:Admission", name, {}, opts);
    this.policies = policies;

    const engine = args.engine ?? "kyverno";
    const declared =
      engine === "kyverno"
        ? this.kyverno(name, version, namespace, policies, args.dependsOn)
        : { release: undefined, enforced: this.native(name, policies, args.dependsOn) };
    this.release = declared.release;
    this.policyResources = declared.enforced;

    this.summary = {
      component: "atlas-access:admission:Admission",
      name,
      lines: [
        engine === "kyverno"
          ? `Kyverno chart ${version} in namespace ${namespace} (admission controller 3 replicas, other controllers 2, no excluded groups)`
          : "Kubernetes ValidatingAdmissionPolicies with Deny bindings (Kubernetes >= 1.30, no Kyverno)",
        ...policies.flatMap((p) => [
          `${engine === "kyverno" ? "ValidatingPolicy" : "ValidatingAdmissionPolicy"} ${p.name} (Deny, failurePolicy Fail, ${operations(p)}):`,
          ...p.rules.map((r) => `  ${r.id}: ${r.summary}`),
        ]),
      ],
    };
    this.registerOutputs({ policyNames: policies.map((p) => p.name) });
  }

  /** Kyverno (Helm release, HA) and each policy as a ValidatingPolicy custom resource after it. */
  private kyverno(
    name: string,
    version: string,
    namespace: string,
    policies: AdmissionPolicy[],
    dependsOn: pulumi.Resource[] = [],
  ): { release: helmRelease.Release; enforced: pulumi.Resource[] } {
    const release = new helmRelease.Release(
      `${name}-kyverno`,
      {
        name: "kyverno",
        chart: "kyverno",
        version,
        repositoryOpts: { repo: KYVERNO_REPO },
        namespace,
        createNamespace: true,
        values: KYVERNO_VALUES,
      },
      { parent: this },
    );
    const enforced = policies.map(
      (p) =>
        new apiextensions.CustomResource(
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
          { parent: this, dependsOn: [release, ...dependsOn] },
        ),
    );
    return { release, enforced };
  }

  /**
   * Each policy as a ValidatingAdmissionPolicy and its binding (the binding after the policy it names). The API server
   * enforces a bound policy without a status to wait for; the bindings are returned as what enforces them.
   */
  private native(name: string, policies: AdmissionPolicy[], dependsOn: pulumi.Resource[] = []): pulumi.Resource[] {
    return policies.map(nativePolicy).map((p) => {
      const policy = new admissionregistrationv1.ValidatingAdmissionPolicy(
        `${name}-${p.name}`,
        { metadata: p.policy.metadata, spec: p.policy.spec },
        { parent: this, dependsOn },
      );
      return new admissionregistrationv1.ValidatingAdmissionPolicyBinding(
        `${name}-${p.name}-binding`,
        { metadata: p.binding.metadata, spec: p.binding.spec },
        { parent: this, dependsOn: [policy] },
      );
    });
  }
}

const operations = (p: AdmissionPolicy) =>
  [...new Set(p.manifest.spec.matchConstraints.resourceRules.flatMap((r) => r.operations))].join(", ");

/** Every problem of the arguments, thrown at once before anything (the component included) is registered. */
function validateAdmissionArgs(
  name: string,
  engine: string,
  version: string,
  namespace: string,
  policy: AdmissionPolicyParams,
): void {
  const check = new ArgsCheck();
  check.expect(
    (ADMISSION_ENGINES as readonly string[]).includes(engine),
    "engine",
    engine,
    `must be one of ${ADMISSION_ENGINES.join(", ")}`,
  );
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
