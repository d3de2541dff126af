import { ConfigError } from "../../config/parse";
import { parseStackConfig } from "../../program/config";

/** Every problem `parseStackConfig` reports for `raw`; fails the test when the config is accepted. */
export function problemsOf(raw: Record<string, unknown>, secretKeys?: ReadonlySet<string>): string[] {
  try {
    parseStackConfig(raw, { secretKeys });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the config to be rejected");
}
