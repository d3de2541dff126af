import type { AccessSummary } from "../components/summary";
import { loadConfig } from "./config";
import { declareAtlasAccess } from "../components/atlas/program";

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
  accessSummary.push(...declareAtlasAccess(config));

  return { environment: config.environment, accessSummary };
}
