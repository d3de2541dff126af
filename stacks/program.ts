import type { AccessSummary } from "../components/summary";
import { loadConfig } from "./config";
import { declareOperator } from "../components/kubernetes/operator/stack";

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
  const outputs: Record<string, unknown> = {};

  // Atlas operator, its credential and the previews: only where `atlas-access:operator` is set (staging).
  const operator = declareOperator(config);
  if (operator) {
    accessSummary.push(...operator.summaries);
    Object.assign(outputs, operator.outputs);
  }

  return { environment: config.environment, accessSummary, ...outputs };
}
