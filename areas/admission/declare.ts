/**
 * Turns `atlas-access:admission` (and what the operator gives preview users and who it runs as) into the admission
 * policies and their engine. Only in the stack that owns the operator and the previews.
 */
import type { CoreConfig } from "../../config/core";
import type { OperatorConfig, PreviewsConfig } from "../operator/config";
import type { OperatorHandles } from "../operator/declare";
import type * as pulumi from "@pulumi/pulumi";
import type { DeclaredArea } from "../component";
import { Admission } from "./Admission";
import type { AdmissionConfig } from "./config";
import { deployerIdentities } from "./policies";

/** The admission area, and the policies preview namespaces wait for (empty when the stack has no previews). */
export interface DeclaredAdmission extends DeclaredArea {
  policies: pulumi.Resource[];
}

export function declareAdmission(
  config: CoreConfig & { admission?: AdmissionConfig; operator?: OperatorConfig; previews?: PreviewsConfig },
  operator: OperatorHandles | undefined,
): DeclaredAdmission {
  const admission = config.admission;
  // The config rules require the admission section exactly where the operator and the previews are.
  if (!operator || !config.operator || !config.previews || !admission) {
    return { summaries: [], outputs: {}, policies: [] };
  }
  const policies = new Admission("admission", {
    engine: admission.engine,
    kyvernoChartVersion: admission.kyvernoChartVersion,
    kyvernoNamespace: admission.kyvernoNamespace,
    policy: {
      databasePrefix: config.previews.databasePrefix,
      usernamePrefix: config.previews.usernamePrefix,
      previewClusters: config.previews.clusters,
      protectedDatabases: [config.atlas.environmentDatabases.prod, config.atlas.environmentDatabases.staging],
      project: { kind: "projectRef", ...operator.projectRef },
      projectId: config.atlas.projectId,
      operatorNamespace: config.operator.namespace,
      // The operator's identity comes from its release (areas/operator/serviceAccount.ts), never typed twice.
      writers: { ...deployerIdentities(admission.deployers), operator: operator.serviceAccount },
    },
    // The policies are custom resources of Kyverno's CRDs and judge the operator's: both must exist first.
    dependsOn: [operator.crds],
  });
  return { summaries: [policies.summary], outputs: {}, policies: policies.policyResources };
}
