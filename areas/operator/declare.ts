import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../program/config";
import { watchNamespaces } from "./config";
import type { AccessSummary } from "../../domain/summary";
import { OperatorCredential } from "./OperatorCredential";
import { AtlasOperator } from "./AtlasOperator";
import { Previews, type PreviewSpec } from "./Previews";

/**
 * What `program()` gets back: the summaries to print and the stack outputs to add (plain data only; the credential
 * stays a secret output of the `OperatorCredential` component, consumed in-program by the operator's Secret).
 */
export interface DeclaredOperator {
  summaries: AccessSummary[];
  /** The operator's Helm release: what depends on the Atlas CRDs waits for it. */
  release: pulumi.Resource;
  /** What every preview user puts in `spec.projectRef`; the admission policies pin exactly this. */
  projectRef: { name: string; namespace: string };
  outputs: {
    /** Plain: the exact `watchNamespaces` installed. */
    operatorWatchNamespaces: string[];
  };
}

/**
 * Declares the operator credential, the operator and the previews from validated config; nothing when
 * `atlas-access:operator` is not set (the prod stack).
 */
export function declareOperator(config: StackConfig): DeclaredOperator | undefined {
  const op = config.operator;
  if (!op) return undefined;
  const credential = new OperatorCredential("operator-credential", {
    orgId: config.atlas.orgId,
    projectId: config.atlas.projectId,
    accessList: op.credential.accessList,
    secretExpiresAfterHours: op.credential.secretExpiresAfterHours,
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
    release: operator.release,
    projectRef: operator.projectRef,
    outputs: {
      operatorWatchNamespaces: watched,
    },
  };
}
