import type { AccessSummary } from "../components/summary";
import { loadConfig } from "./config";
import { Admission } from "../components/kubernetes/admission";
import { admissionSchema } from "./schema/admission";

/** Everything the stack exports. Plain data only: no secret is ever exported. */
export interface StackOutputs {
  environment: string;
  /** Per component, what access it grants, for reviewers and for `npm run plan`. */
  accessSummary: AccessSummary[];
  [name: string]: unknown;
}

/**
 * The program: validate the whole config first (a bad config registers nothing), then declare each component.
 * `index.ts` hands this function to the Pulumi engine; the offline harness runs the same function under mocks.
 */
export async function program(): Promise<StackOutputs> {
  const { config } = loadConfig();
  const accessSummary: AccessSummary[] = [];

  // Admission policies: only in the stack that owns the operator and the previews.
  if (config.operator && config.previews) {
    const admission = config.admission ?? admissionSchema.parse({});
    const policies = new Admission("admission", {
      kyvernoChartVersion: admission.kyvernoChartVersion,
      kyvernoNamespace: admission.kyvernoNamespace,
      policy: {
        databasePrefix: config.previews.databasePrefix,
        usernamePrefix: config.previews.usernamePrefix,
        previewClusters: config.previews.clusters,
        protectedDatabases: [config.atlas.environmentDatabases.prod, config.atlas.environmentDatabases.staging],
        project: admission.previewProjectRef
          ? { kind: "projectRef", name: admission.previewProjectRef.name, namespace: config.operator.namespace }
          : { kind: "external", projectId: config.atlas.projectId },
        projectId: config.atlas.projectId,
        operatorNamespace: config.operator.namespace,
      },
      // MERGE: pass the operator component's Helm release here so the policies wait for the Atlas CRDs.
      dependsOn: [],
    });
    accessSummary.push(policies.summary);
  }

  return { environment: config.environment, accessSummary };
}
