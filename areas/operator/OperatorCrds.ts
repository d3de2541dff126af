import * as pulumi from "@pulumi/pulumi";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as helmRelease from "@pulumi/kubernetes/helm/v3/release";
import type { AccessSummary } from "../../domain/summary";
import { EXACT_VERSION, NAMESPACE_NAME, RESTRICTED_LABELS, isPreviewNamespace } from "../../domain/kubernetes";
import { ArgsCheck } from "../component";

export const CHART_REPO = "https://mongodb.github.io/helm-charts";
/** The operator's CRD chart, released with the operator chart at the same version (mongodb/helm-charts). */
export const ATLAS_OPERATOR_CRDS_CHART = "mongodb-atlas-operator-crds";

export interface OperatorCrdsArgs {
  /** Namespace the operator runs in (created here; also holds the CRD release's record). */
  namespace: string;
  /** Exact chart version, the operator chart's, e.g. "2.15.1". */
  chartVersion: string;
}

/**
 * `atlas-access:kubernetes:OperatorCrds`: the operator's namespace (Pod Security restricted) and the Atlas CRDs as their
 * own Helm release. They come first: the admission policies name the Atlas kinds, so the CRDs must exist before the
 * policies, and the policies before any preview namespace, which in turn comes before the operator release that
 * watches it (see `program/program.ts`).
 */
export class OperatorCrds extends pulumi.ComponentResource {
  public readonly namespace: corev1.Namespace;
  public readonly release: helmRelease.Release;
  public readonly summary: AccessSummary;

  constructor(name: string, args: OperatorCrdsArgs, opts?: pulumi.ComponentResourceOptions) {
    const check = new ArgsCheck();
    check.expect(
      NAMESPACE_NAME.test(args.namespace) && !isPreviewNamespace(args.namespace),
      "namespace",
      args.namespace,
      "must be a Kubernetes namespace name that is not a preview namespace pr-<N>, e.g. mongodb-atlas-system",
    );
    check.expect(
      EXACT_VERSION.test(args.chartVersion),
      "chartVersion",
      args.chartVersion,
      'must be an exact version such as "2.15.1"',
    );
    check.throwIfAny("OperatorCrds", name);
    super("atlas-access:kubernetes:OperatorCrds", name, {}, opts);

    this.namespace = new corev1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: args.namespace,
          labels: { ...RESTRICTED_LABELS, "app.kubernetes.io/part-of": "atlas-access" },
        },
      },
      { parent: this },
    );
    this.release = new helmRelease.Release(
      `${name}-crds`,
      {
        name: ATLAS_OPERATOR_CRDS_CHART,
        chart: ATLAS_OPERATOR_CRDS_CHART,
        version: args.chartVersion,
        repositoryOpts: { repo: CHART_REPO },
        namespace: this.namespace.metadata.name,
        createNamespace: false,
        atomic: true,
        cleanupOnFail: true,
      },
      // The chart ships the CRDs as templates: uninstalling it deletes every Atlas custom resource in the cluster.
      { parent: this, protect: true },
    );
    this.summary = {
      component: "atlas-access:kubernetes:OperatorCrds",
      name,
      lines: [
        `namespace ${args.namespace} (Pod Security restricted)`,
        `CRDs: chart ${ATLAS_OPERATOR_CRDS_CHART} ${args.chartVersion} from ${CHART_REPO} as its own release (protected), before the admission policies and the operator`,
      ],
    };
    this.registerOutputs({ namespace: this.namespace.metadata.name, release: this.release.name });
  }
}
