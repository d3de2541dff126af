/** Turns `atlas-access:operator` and `atlas-access:previews` into the credential, the operator and the previews. */
import type { AccessSummary } from "../../domain/summary";
import type * as pulumi from "@pulumi/pulumi";
import type { DeclaredArea } from "../component";
import { AtlasOperator } from "./AtlasOperator";
import type { OperatorRuleInput } from "./config";
import { OperatorCredential } from "./OperatorCredential";
import { Previews, type PreviewSpec } from "./Previews";
import { watchNamespaces } from "./watchList";

/** What the operator area hands the admission area: the policies judge its resources and pin its project reference. */
export interface OperatorHandles {
  /** The operator's release: its CRDs must exist before a policy naming them is admitted. */
  release: pulumi.Resource;
  /** What every preview user puts in `spec.projectRef`. */
  projectRef: { name: string; namespace: string };
  /** The operator's username: the only writer of Atlas resources' status and finalizers. */
  serviceAccount: string;
}

/** The operator area, and what the admission area needs of it (undefined when the stack has no operator). */
export interface DeclaredOperator extends DeclaredArea {
  handles: OperatorHandles | undefined;
}

/**
 * Declares the operator credential, the operator and the previews from validated config; nothing when
 * `atlas-access:operator` is not set (the prod stack).
 */
export function declareOperator(config: OperatorRuleInput): DeclaredOperator {
  const op = config.operator;
  if (!op) return { summaries: [], outputs: {}, handles: undefined };
  const credential = new OperatorCredential("operator-credential", {
    orgId: config.atlas.orgId,
    projectId: config.atlas.projectId,
    accessList: op.credential.accessList,
    secretExpiresAfterHours: op.credential.secretExpiresAfterHours,
    rotation: op.credential.rotation,
  });
  const watched = watchNamespaces(op, config.previews);
  const operator = new AtlasOperator("atlas-operator", {
    namespace: op.namespace,
    chartVersion: op.chartVersion,
    watchNamespaces: watched,
    orgId: config.atlas.orgId,
    atlasProjectName: op.atlasProjectName,
    projectId: config.atlas.projectId,
    credential: { clientId: credential.clientId, clientSecret: credential.clientSecret },
  });
  const summaries: AccessSummary[] = [credential.summary, operator.summary];
  const p = config.previews;
  if (p) {
    const specs: PreviewSpec[] = [
      ...p.pullRequests.map((n): PreviewSpec => ({ number: n, state: "open" })),
      ...p.closing.map((n): PreviewSpec => ({ number: n, state: "closing" })),
    ];
    const previews = new Previews(
      "previews",
      {
        previews: specs,
        databasePrefix: p.databasePrefix,
        usernamePrefix: p.usernamePrefix,
        clusters: p.clusters,
        protectedDatabases: [config.atlas.environmentDatabases.prod, config.atlas.environmentDatabases.staging],
        projectRef: operator.projectRef,
      },
      // Users are created only once the operator watches their namespace (the release lists every preview).
      { dependsOn: [operator.release] },
    );
    summaries.push(previews.summary);
  }
  return {
    summaries,
    // Plain: the exact `watchNamespaces` installed.
    outputs: { operatorWatchNamespaces: watched },
    handles: { release: operator.release, projectRef: operator.projectRef, serviceAccount: operator.serviceAccount },
  };
}
