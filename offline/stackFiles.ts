/** The stack files of this repository (the project root), for the offline engine and the tests. */
import * as path from "path";
import { PREVIEW_LIST_KEY } from "../areas/operator/config";
import { type StackFileConfig, listStacks as listStacksIn, readStackFile } from "../config/stackFiles";

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Stack names that have a `Pulumi.<stack>.yaml` in `root`. */
export const listStacks = (root = PROJECT_ROOT): string[] => listStacksIn(root);

/**
 * One stack file's values as the CLI hands them to the program. A stack that owns previews receives its preview list
 * from `npm run previews -- reconcile` (set in the stack's config for that run, never committed); offline, where no
 * reconcile runs, the list is empty unless the caller sets one (`mutateConfig`).
 */
export function readStackConfig(stack: string, root = PROJECT_ROOT): StackFileConfig {
  const file = readStackFile(root, stack);
  if (file.project.previews !== undefined && file.project[PREVIEW_LIST_KEY] === undefined) {
    file.project[PREVIEW_LIST_KEY] = { open: [], closing: [] };
  }
  return file;
}

/** Where the JSON Schema of the stack files is committed, relative to the project root (offline/stackSchema.ts). */
export const STACK_SCHEMA_FILE = "schema/stack-config.schema.json";
