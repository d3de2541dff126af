/** The engine edge of the config: reads the values the Pulumi engine passes and validates them once. */
import * as pulumi from "@pulumi/pulumi";
import type { RawStack } from "../config/parse";
import { decodeConfigValue, engineValues, listStacks, readStackFile } from "../config/stackFiles";
import { PROJECT } from "../domain/project";
import { type StackConfig, parseStackConfig } from "./config";

/** The validated config and which of its top-level keys the engine marked secret. */
export interface LoadedConfig {
  config: StackConfig;
  /** Top-level keys (without `atlas-access:`) whose values are secret: wrap them with `pulumi.secret` where used. */
  secretKeys: ReadonlySet<string>;
}

/**
 * Where the stack files of this project are: the Pulumi CLI runs the program in the project folder; the offline
 * harness names the folder it read the stack from.
 */
export const CONFIG_DIR_VARIABLE = "ATLAS_ACCESS_CONFIG_DIR";

// `isConfigSecret` is exported by the runtime's config module but marked @internal, so it is not in the typings.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean }; // eslint-disable-line @typescript-eslint/no-require-imports

/** The other stacks of the project, for the cross-stack rules: every `Pulumi.<stack>.yaml` beside this stack's. */
function peerStacks(stack: string): RawStack[] {
  const dir = process.env[CONFIG_DIR_VARIABLE] ?? process.cwd();
  return listStacks(dir)
    .filter((s) => s !== stack)
    .map((s) => ({ stack: s, raw: engineValues(readStackFile(dir, s).project) }));
}

/** Reads every `atlas-access:*` key the Pulumi engine passed and validates it against the peers' files. */
export function loadConfig(): LoadedConfig {
  const raw: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    raw[key] = decodeConfigValue(text);
    if (runtimeConfig.isConfigSecret(fullKey)) secretKeys.add(key);
  }
  const stack = pulumi.getStack();
  return { config: parseStackConfig(raw, { secretKeys, stack, peers: peerStacks(stack) }), secretKeys };
}
