/**
 * Turns `atlas-access:operator`, `atlas-access:previews` and `atlas-access:previewList` into the operator and the
 * previews, in two calls because the admission area sits in between (see `program/program.ts`):
 * `prepareOperator` declares what the admission policies need (the credential, the operator's namespace and CRDs);
 * `declareOperator` then declares, in this order, the preview namespaces (after the policies), the operator release
 * (after every namespace it watches) and the preview users (after the release).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AccessSummary } from "../../domain/summary";
import type { DeclaredArea } from "../component";
import { AtlasOperator, PROJECT_REFERENCE_NAME, operatorUsername } from "./AtlasOperator";
import type { OperatorRuleInput } from "./config";
import { OperatorCredential } from "./OperatorCredential";
import { OperatorCrds } from "./OperatorCrds";
import { PreviewNamespaces, type PreviewSpec } from "./PreviewNamespaces";
import { PreviewUsers } from "./PreviewUsers";
import { watchNamespaces } from "./watchList";

/** What the operator area hands the admission area: the policies name its CRDs and pin its project reference. */
export interface OperatorHandles {
  /** The Atlas CRDs' release: a policy naming the Atlas kinds is admitted only once they exist. */
  crds: pulumi.Resource;
  /** What every preview user puts in `spec.projectRef`. */
  projectRef: { name: string; namespace: string };
  /** The operator's username: the only writer of Atlas resources' status and finalizers. */
  serviceAccount: string;
}

/** The first half of the operator area, and the handles the admission area needs (undefined without an operator). */
export interface PreparedOperator {
  handles: OperatorHandles | undefined;
  summaries: AccessSummary[];
  credential?: OperatorCredential;
  crds?: OperatorCrds;
}

/** The credential, the operator's namespace and the CRDs; nothing when `atlas-access:operator` is not set (prod). */
export function prepareOperator(config: OperatorRuleInput): PreparedOperator {
  const op = config.operator;
  if (!op) return { handles: undefined, summaries: [] };
  const credential = new OperatorCredential("operator-credential", {
    orgId: config.atlas.orgId,
    projectId: config.atlas.projectId,
    accessList: op.credential.accessList,
    secretExpiresAfterHours: op.credential.secretExpiresAfterHours,
    rotation: op.credential.rotation,
  });
  const crds = new OperatorCrds("atlas-operator", { namespace: op.namespace, chartVersion: op.chartVersion });
  return {
    handles: {
      crds: crds.release,
      projectRef: { name: PROJECT_REFERENCE_NAME, namespace: op.namespace },
      serviceAccount: operatorUsername(op.namespace),
    },
    summaries: [credential.summary, crds.summary],
    credential,
    crds,
  };
}

/**
 * The preview namespaces, the operator release and the preview users. `admitted` are the admission policies: every
 * preview namespace waits until they are Ready.
 */
export function declareOperator(
  config: OperatorRuleInput,
  prepared: PreparedOperator,
  admitted: pulumi.Resource[],
): DeclaredArea {
  const op = config.operator;
  const { credential, crds } = prepared;
  if (!op || !credential || !crds) return { summaries: [], outputs: {} };
  const list = config.previews ? config.previewList : undefined;
  const open = list?.open ?? [];
  const closing = list?.closing ?? [];
  const specs: PreviewSpec[] = [
    ...open.map((n): PreviewSpec => ({ number: n, state: "open" })),
    ...closing.map((n): PreviewSpec => ({ number: n, state: "closing" })),
  ];
  const namespaces = new PreviewNamespaces("previews", { previews: specs, dependsOn: admitted });
  const watched = watchNamespaces(op, list);
  const operator = new AtlasOperator("atlas-operator", {
    namespace: op.namespace,
    chartVersion: op.chartVersion,
    watchNamespaces: watched,
    orgId: config.atlas.orgId,
    atlasProjectName: op.atlasProjectName,
    projectId: config.atlas.projectId,
    credential: { clientId: credential.clientId, clientSecret: credential.clientSecret },
    dependsOn: [crds.namespace, crds.release, ...namespaces.namespaces.values()],
  });
  const summaries: AccessSummary[] = [...prepared.summaries, operator.summary];
  const p = config.previews;
  if (p) {
    const users = new PreviewUsers("previews", {
      open,
      closing,
      namespaces: namespaces.namespaces,
      databasePrefix: p.databasePrefix,
      usernamePrefix: p.usernamePrefix,
      clusters: p.clusters,
      protectedDatabases: [config.atlas.environmentDatabases.prod, config.atlas.environmentDatabases.staging],
      projectRef: operator.projectRef,
      dependsOn: [operator.release, operator.project],
    });
    summaries.push(users.summary);
  }
  return {
    summaries,
    outputs: {
      // Plain: the exact `watchNamespaces` installed, and the previews this update declared.
      operatorWatchNamespaces: watched,
      ...(p
        ? { previewList: { open: [...open].sort((a, b) => a - b), closing: [...closing].sort((a, b) => a - b) } }
        : {}),
    },
  };
}
