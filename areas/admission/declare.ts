/**
 * Turns `atlas-access:admission` (and what the operator gives preview users) into Kyverno and its policies. Only in
 * the stack that owns the operator and the previews.
 */
import type { CoreConfig } from "../../config/core";
import type { OperatorConfig, PreviewsConfig } from "../operator/config";
import type { OperatorHandles } from "../operator/declare";
import type * as pulumi from "@pulumi/pulumi";
import type { DeclaredArea } from "../component";
import { Admission } from "./Admission";
import { type AdmissionConfig, admissionSchema } from "./config";

/** The admission area, and the policies preview namespaces wait for (empty when the stack has no previews). */
export interface DeclaredAdmission extends DeclaredArea {
  policies: pulumi.Resource[];
}

export function declareAdmission(
  config: CoreConfig & { admission?: AdmissionConfig; operator?: OperatorConfig; previews?: PreviewsConfig },
  operator: OperatorHandles | undefined,
): DeclaredAdmission {
  if (!operator || !config.operator || !config.previews) return { summaries: [], outputs: {}, policies: [] };
  const admission = config.admission ?? admissionSchema.parse({});
  const policies = new Admission("admission", {
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
    },
    // The policies are custom resources of Kyverno's CRDs and judge the operator's: both must exist first.
    dependsOn: [operator.crds],
  });
  return { summaries: [policies.summary], outputs: {}, policies: policies.policyResources };
}
