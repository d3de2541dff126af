/**
 * Config tests without running the program: a stack file's values, changed by the test, go through the same text
 * encoding the CLI applies and the same validation `program()` runs first. That the real program registers nothing
 * when this validation fails is proven once, in `offline/harness.test.ts`.
 */
import { ConfigError } from "../../config/parse";
import { engineValues as asEngineValues } from "../../config/stackFiles";
import { type StackConfig, parseStackConfig } from "../../program/config";
import { readStackConfig } from "../../offline/stackFiles";

/** Every problem `parseStackConfig` reports for `raw`; none when the config is accepted. */
export function problemsIn(raw: Record<string, unknown>, secretKeys?: ReadonlySet<string>): string[] {
  try {
    parseStackConfig(raw, { secretKeys });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

/** Every problem `parseStackConfig` reports for `raw`; fails the test when the config is accepted. */
export function problemsOf(raw: Record<string, unknown>, secretKeys?: ReadonlySet<string>): string[] {
  const problems = problemsIn(raw, secretKeys);
  if (problems.length === 0) throw new Error("expected the config to be rejected");
  return problems;
}

/** `stack`'s values (without the `atlas-access:` prefix) as the program would receive them after `mutate`. */
export function engineValues(
  stack: string,
  mutate?: (config: Record<string, unknown>) => void,
): Record<string, unknown> {
  const file = readStackConfig(stack);
  const raw = structuredClone(file.project);
  mutate?.(raw);
  return asEngineValues(raw);
}

/** The problems the program reports for `stack` changed by `mutate`. */
export const stackProblems = (stack: string, mutate: (config: Record<string, unknown>) => void): string[] =>
  problemsOf(engineValues(stack, mutate), readStackConfig(stack).secretKeys);

/** `stack`'s validated config (throws when it is invalid). */
export const stackConfig = (stack: string, mutate?: (config: Record<string, unknown>) => void): StackConfig =>
  parseStackConfig(engineValues(stack, mutate), { secretKeys: readStackConfig(stack).secretKeys });

/**
 * The problems of `stack` against the other stacks of `stacks` (raw values by stack name, e.g. from
 * {@link engineValues}), as the program's cross-stack phase reports them; none when accepted.
 */
export function problemsAcross(stacks: Record<string, Record<string, unknown>>, stack: string): string[] {
  const peers = Object.entries(stacks)
    .filter(([name]) => name !== stack)
    .map(([name, raw]) => ({ stack: name, raw }));
  try {
    parseStackConfig(stacks[stack] ?? {}, { stack, peers });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
