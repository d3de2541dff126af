import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { AccessSummary } from "../../domain/summary";
import { AdmissionParamsError, buildAdmissionPolicies } from "./policies";
import type { AdmissionPolicy, AdmissionPolicyParams } from "./policies";

/** Kyverno's Helm repository. */
export const KYVERNO_REPO = "https://kyverno.github.io/kyverno/";
/** Chart 3.9.x = Kyverno 1.19.x, against which the policies and the ValidatingPolicy CRD schema were checked. */
export const DEFAULT_KYVERNO_CHART_VERSION = "3.9.0";

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
   * Resources the policies must wait for besides Kyverno: the Atlas operator's release (its CRDs must exist before a
   * policy naming them is admitted). @default []
   */
  dependsOn?: pulumi.Resource[];
}

/** Thrown before any child is created when an argument is invalid. */
export class AdmissionArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdmissionArgsError";
  }
}

/**
 * Kyverno (Helm release, HA) and the ValidatingPolicies of `admission/policies.ts` as custom resources that depend on
 * the Kyverno release and the operator release.
 */
export class Admission extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;
  public readonly policies: AdmissionPolicy[];
  public readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: AdmissionArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything (the component included).
    const version = args.kyvernoChartVersion ?? DEFAULT_KYVERNO_CHART_VERSION;
    if (!/^3\.9\.[0-9]+$/.test(version)) {
      throw new AdmissionArgsError(
        `Admission ${name}: kyvernoChartVersion is ${JSON.stringify(version)}; use an exact 3.9.<patch> chart version (Kyverno 1.19.x), e.g. ${DEFAULT_KYVERNO_CHART_VERSION}`,
      );
    }
    const namespace = args.kyvernoNamespace ?? "kyverno";
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace) || /^pr-[0-9]+$/.test(namespace)) {
      throw new AdmissionArgsError(
        `Admission ${name}: kyvernoNamespace is ${JSON.stringify(namespace)}; use a Kubernetes namespace name that is not a preview namespace pr-<N>, e.g. kyverno`,
      );
    }
    let policies: AdmissionPolicy[];
    try {
      policies = buildAdmissionPolicies(args.policy);
    } catch (err) {
      if (err instanceof AdmissionParamsError)
        throw new AdmissionArgsError(
          `Admission ${name}: policy.${err.message.replace(/^buildAdmissionPolicies: /, "")}`,
        );
      throw err;
    }

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

    for (const p of policies) {
      new k8s.apiextensions.CustomResource(
        `${name}-${p.name}`,
        {
          apiVersion: p.manifest.apiVersion,
          kind: p.manifest.kind,
          metadata: p.manifest.metadata,
          spec: p.manifest.spec,
        },
        { parent: this, dependsOn: [this.release, ...(args.dependsOn ?? [])] },
      );
    }

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
