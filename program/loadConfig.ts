/** The engine edge of the config: reads the values the Pulumi engine passes and validates them once. */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type RawStack, keyPath } from "../config/parse";
import {
  decodeConfigValue,
  engineValues,
  listStacks,
  readStackDocument,
  readStackFile,
  stackFilePath,
} from "../config/stackFiles";
import { stackFileIssues } from "../config/strictStackFile";
import { PROJECT } from "../domain/project";
import { type StackConfig, configModel, parseStackConfig } from "./config";

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

const configDir = () => process.env[CONFIG_DIR_VARIABLE] ?? process.cwd();

/**
 * The other stacks of the project, for the cross-stack rules: every `Pulumi.<stack>.yaml` beside this stack's. A file
 * that cannot be read is left out here, like a peer whose sections are invalid: its own run reports it.
 */
function peerStacks(stack: string): RawStack[] {
  const dir = configDir();
  return listStacks(dir)
    .filter((s) => s !== stack)
    .flatMap((s) => {
      try {
        return [{ stack: s, raw: engineValues(readStackFile(dir, s).project) }];
      } catch {
        return [];
      }
    });
}

/**
 * The problems of this stack's own file beyond its `atlas-access:*` values (see `config/strictStackFile.ts`). None
 * when the file is not there (config kept elsewhere than the project folder).
 */
function stackFileProblems(stack: string): ConfigError | undefined {
  if (!fs.existsSync(stackFilePath(configDir(), stack))) return undefined;
  const issues = stackFileIssues(readStackDocument(configDir(), stack).data, { stack, sections: configModel.sections });
  if (issues.length === 0) return undefined;
  const where = (path: readonly (string | number)[]) =>
    path[0] === "config" && typeof path[1] === "string" && path[1].startsWith(`${PROJECT}:`)
      ? keyPath([path[1].slice(PROJECT.length + 1), ...path.slice(2)])
      : path.slice(path[0] === "config" ? 1 : 0).join(".");
  return new ConfigError(
    issues.map((i) => `${where(i.path)}: ${i.message}`),
    issues.map((i) => i.path),
  );
}

/** Reads every `atlas-access:*` key the Pulumi engine passed and validates it, its stack file and its peers. */
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
  const fileProblems = stackFileProblems(stack);
  try {
    const config = parseStackConfig(raw, { secretKeys, stack, peers: peerStacks(stack) });
    if (fileProblems) throw fileProblems;
    return { config, secretKeys };
  } catch (error) {
    if (!fileProblems || error === fileProblems || !(error instanceof ConfigError)) throw error;
    throw new ConfigError([...fileProblems.problems, ...error.problems], [...fileProblems.paths, ...error.paths]);
  }
}
