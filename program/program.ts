/**
 * The composition root: validate the whole config first (a bad config registers nothing), then declare each area
 * and hand each one what it needs from the others. `index.ts` gives this function to the Pulumi engine; the offline
 * harness runs the same function under mocks.
 */
import { declareAdmission } from "../areas/admission/declare";
import { declareAtlasAccess } from "../areas/atlas/declare";
import { declareAudit } from "../areas/audit/declare";
import type { DeclaredArea } from "../areas/component";
import { declareConnections } from "../areas/connection/declare";
import { declareOperator, prepareOperator } from "../areas/operator/declare";
import type { AccessSummary } from "../domain/summary";
import { loadConfig } from "./loadConfig";

/** Everything the stack exports. Plain data only: no secret is ever exported. */
export interface StackOutputs {
  environment: string;
  /** Per component, what access it grants, for reviewers and for `npm run plan`. */
  accessSummary: AccessSummary[];
  [name: string]: unknown;
}

export async function program(): Promise<StackOutputs> {
  const { config } = loadConfig();
  // In this order: the order of registration, hence of creation in a real update. In the cluster: the operator's
  // CRDs → Kyverno and its policies (Ready) → preview namespaces → the operator release watching them → preview users.
  const connections = declareConnections(config);
  const audit = declareAudit(config);
  const atlas = declareAtlasAccess(config);
  const prepared = prepareOperator(config);
  const admission = declareAdmission(config, prepared.handles);
  const operator = declareOperator(config, prepared, admission.policies);
  const areas: DeclaredArea[] = [connections, audit, atlas, operator, admission];
  return {
    environment: config.environment,
    accessSummary: areas.flatMap((a) => a.summaries),
    ...Object.assign({}, ...areas.map((a) => a.outputs)),
  };
}
