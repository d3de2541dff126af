/**
 * Cross-stack config tests without running the program: one stack's values (changed by the test) validated against
 * the other stack files of the repository (also changeable), the way `program()` validates them, peers included.
 */
import { ConfigError } from "../../config/parse";
import { engineValues } from "../../config/stackFiles";
import { parseStackConfig } from "../../program/config";
import { listStacks, readStackConfig } from "../../offline/stackFiles";

type Mutate = (config: Record<string, unknown>) => void;

/** Every problem `stack` has against its peers; none when accepted. `peers` changes a peer's values by stack name. */
export function problemsWithPeers(stack: string, mutate?: Mutate, peers: Record<string, Mutate> = {}): string[] {
  const own = structuredClone(readStackConfig(stack).project);
  mutate?.(own);
  const others = listStacks()
    .filter((s) => s !== stack)
    .map((s) => {
      const raw = structuredClone(readStackConfig(s).project);
      peers[s]?.(raw);
      return { stack: s, raw: engineValues(raw) };
    });
  try {
    parseStackConfig(engineValues(own), { stack, peers: others, secretKeys: readStackConfig(stack).secretKeys });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
