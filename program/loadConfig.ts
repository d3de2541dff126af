/** The engine edge of the config: reads the values the Pulumi engine passes and validates them once. */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../domain/project";
import { type StackConfig, decodeConfigValue, parseStackConfig } from "./config";

/** The validated config and which of its top-level keys the engine marked secret. */
export interface LoadedConfig {
  config: StackConfig;
  /** Top-level keys (without `atlas-access:`) whose values are secret: wrap them with `pulumi.secret` where used. */
  secretKeys: ReadonlySet<string>;
}

// `isConfigSecret` is exported by the runtime's config module but marked @internal, so it is not in the typings.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean }; // eslint-disable-line @typescript-eslint/no-require-imports

/** Reads every `atlas-access:*` key the Pulumi engine passed and validates it. */
export function loadConfig(): LoadedConfig {
  const raw: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    raw[key] = decodeConfigValue(text);
    if (runtimeConfig.isConfigSecret(fullKey)) secretKeys.add(key);
  }
  return { config: parseStackConfig(raw, { secretKeys, stack: pulumi.getStack() }), secretKeys };
}
