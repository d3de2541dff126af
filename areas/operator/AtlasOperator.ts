import * as pulumi from "@pulumi/pulumi";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as helmRelease from "@pulumi/kubernetes/helm/v3/release";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import { OPERATOR_PROJECT_ROLE } from "../../domain/atlas";
import type { AccessSummary } from "../../domain/summary";
import {
  ATLAS_OPERATOR_CHART,
  CREDENTIALS_LABEL,
  EXACT_VERSION,
  NAMESPACE_NAME,
  RESOURCE_POLICY_ANNOTATION,
} from "../../domain/kubernetes";
import { ArgsCheck } from "../component";
import { ATLAS_OPERATOR_CRDS_CHART, CHART_REPO } from "./OperatorCrds";
import { operatorServiceAccount } from "./serviceAccount";

/** The chart's operator Deployment is `mongodb-atlas-operator`, so the operator reads its global key from this Secret. */
export const GLOBAL_SECRET_NAME = "mongodb-atlas-operator-api-key";
/** Name of the `AtlasProject` reference (in the operator namespace) every preview user points at. */
export const PROJECT_REFERENCE_NAME = "shared-project";

/** Pod-level security context meeting Pod Security "restricted" (the chart default lacks seccomp). */
export const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 2000,
  seccompProfile: { type: "RuntimeDefault" },
} as const;
/** Container-level security context meeting Pod Security "restricted" (the chart default lacks drop ALL and seccomp). */
export const CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
} as const;

export interface AtlasOperatorArgs {
  /** Namespace the operator runs in (created by {@link OperatorCrds}); must be the first entry of `watchNamespaces`. */
  namespace: string;
  /** Exact chart version, e.g. "2.15.1". */
  chartVersion: string;
  /**
   * Exact namespace names the operator watches: its own namespace first, then `pr-<N>` for every open and closing
   * preview. Never empty, never a pattern.
   */
  watchNamespaces: string[];
  /** Atlas organization id (the operator's global Secret needs it). */
  orgId: string;
  /** The Atlas project's name, carried by the `AtlasProject` reference. */
  atlasProjectName: string;
  /** Atlas project id, for the summary. */
  projectId: string;
  /** The operator's Atlas service-account credential (secret). */
  credential: { clientId: pulumi.Input<string>; clientSecret: pulumi.Input<string> };
  /**
   * What every child waits for: the operator's namespace and CRDs, and the Namespace of every watched preview. The
   * chart renders a Role into each watched namespace, so the release must come after all of them.
   */
  dependsOn: pulumi.Resource[];
}

/** The username the operator runs as (the service account the chart creates for these values, in its namespace). */
export const operatorUsername = (namespace: string): string =>
  operatorServiceAccount(namespace, operatorValues([namespace]));

/** The Helm values: everything the chart deploys is decided here, so tests read exactly what is installed. */
export function operatorValues(watchNamespaces: readonly string[]) {
  return {
    watchNamespaces: [...watchNamespaces],
    // One Role per watched namespace, rendered by the chart: no ClusterRole, no Secret access outside the list.
    crossNamespaceRoles: true,
    // Deleting a CR keeps its Atlas object unless the CR says `mongodb.com/atlas-resource-policy: delete`.
    objectDeletionProtection: true,
    subobjectDeletionProtection: true,
    // The CRDs are their own release (OperatorCrds), installed before the admission policies that name them.
    [ATLAS_OPERATOR_CRDS_CHART]: { enabled: false },
    podSecurityContext: POD_SECURITY_CONTEXT,
    securityContext: CONTAINER_SECURITY_CONTEXT,
  };
}

/**
 * `atlas-access:kubernetes:AtlasOperator`: the Atlas Kubernetes Operator in its own namespace, watching an explicit
 * list of namespaces, with its global credential Secret (only in its own namespace) and the `AtlasProject`
 * reference preview users point at. Registered after every namespace it watches (`args.dependsOn`).
 */
export class AtlasOperator extends pulumi.ComponentResource {
  public readonly release: helmRelease.Release;
  /** The `AtlasProject` reference in the operator namespace. */
  public readonly project: apiextensions.CustomResource;
  /** What each preview `AtlasDatabaseUser` puts in `spec.projectRef`. */
  public readonly projectRef: { name: string; namespace: string };
  /** The username of the operator's requests (`system:serviceaccount:<namespace>:<name>`), from the release's values. */
  public readonly serviceAccount: string;
  public readonly summary: AccessSummary;

  constructor(name: string, args: AtlasOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    validateOperatorArgs(name, args);
    super("atlas-access:kubernetes:AtlasOperator", name, {}, opts);

    const secret = new corev1.Secret(
      `${name}-api-key`,
      {
        metadata: { name: GLOBAL_SECRET_NAME, namespace: args.namespace, labels: { ...CREDENTIALS_LABEL } },
        type: "Opaque",
        stringData: pulumi.secret({
          orgId: args.orgId,
          clientId: pulumi.output(args.credential.clientId),
          clientSecret: pulumi.output(args.credential.clientSecret),
        }),
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    const values = operatorValues(args.watchNamespaces);
    this.serviceAccount = operatorUsername(args.namespace);
    this.release = new helmRelease.Release(
      `${name}-release`,
      {
        name: ATLAS_OPERATOR_CHART,
        chart: ATLAS_OPERATOR_CHART,
        version: args.chartVersion,
        repositoryOpts: { repo: CHART_REPO },
        namespace: args.namespace,
        createNamespace: false,
        atomic: true,
        cleanupOnFail: true,
        values,
      },
      // The Secret first: the operator reads it at start-up.
      { parent: this, dependsOn: [...args.dependsOn, secret] },
    );
    // A reference only: reconciliation is skipped (the credential could not manage a project anyway) and the
    // project is kept whatever happens to this object. Preview users reach the operator's global credential
    // through it without any credential Secret in their namespace (see README).
    const project = (this.project = new apiextensions.CustomResource(
      `${name}-project`,
      {
        apiVersion: "atlas.mongodb.com/v1",
        kind: "AtlasProject",
        metadata: {
          name: PROJECT_REFERENCE_NAME,
          namespace: args.namespace,
          annotations: {
            "mongodb.com/atlas-reconciliation-policy": "skip",
            [RESOURCE_POLICY_ANNOTATION]: "keep",
          },
        },
        spec: { name: args.atlasProjectName },
      },
      { parent: this, dependsOn: [this.release] },
    ));
    this.projectRef = { name: PROJECT_REFERENCE_NAME, namespace: args.namespace };

    this.summary = {
      component: "atlas-access:kubernetes:AtlasOperator",
      name,
      lines: [
        `chart ${ATLAS_OPERATOR_CHART} ${args.chartVersion} from ${CHART_REPO} in namespace ${args.namespace}`,
        `watchNamespaces (exact names, Role per namespace, no ClusterRole): ${args.watchNamespaces.join(", ")}`,
        `global credential Secret ${args.namespace}/${GLOBAL_SECRET_NAME} (service account, ${OPERATOR_PROJECT_ROLE} on project ${args.projectId}); no copy in any other namespace`,
        `AtlasProject reference ${args.namespace}/${PROJECT_REFERENCE_NAME} ("${args.atlasProjectName}"): reconciliation skipped, resource policy keep`,
      ],
    };
    this.registerOutputs({ release: this.release.name, project: project.metadata.name });
  }
}

function validateOperatorArgs(name: string, args: AtlasOperatorArgs): void {
  const check = new ArgsCheck();
  if (args.watchNamespaces.length === 0) {
    check.bad(
      "watchNamespaces",
      args.watchNamespaces,
      `must list at least the operator's own namespace ["${args.namespace}"]: an empty list makes the operator cluster-wide (a ClusterRole reading every Secret)`,
    );
  } else if (args.watchNamespaces[0] !== args.namespace) {
    check.bad(
      "watchNamespaces[0]",
      args.watchNamespaces[0],
      `must be the operator namespace "${args.namespace}" (its global Secret lives there)`,
    );
  }
  const seen = new Set<string>();
  args.watchNamespaces.forEach((n, i) => {
    if (!NAMESPACE_NAME.test(n)) {
      check.bad(
        `watchNamespaces[${i}]`,
        n,
        "must be an exact namespace name; the operator matches names exactly, list each namespace (e.g. pr-123)",
      );
    }
    if (seen.has(n)) check.bad(`watchNamespaces[${i}]`, n, "is listed twice; list each namespace once");
    seen.add(n);
  });
  check.expect(
    EXACT_VERSION.test(args.chartVersion),
    "chartVersion",
    args.chartVersion,
    'must be an exact version such as "2.15.1"',
  );
  check.throwIfAny("AtlasOperator", name);
}
