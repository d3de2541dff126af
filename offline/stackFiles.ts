/** The stack files of this repository (the project root), for the offline engine and the tests. */
import * as path from "path";
import { type StackFileConfig, listStacks as listStacksIn, readStackFile } from "../config/stackFiles";

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Stack names that have a `Pulumi.<stack>.yaml` in `root`. */
export const listStacks = (root = PROJECT_ROOT): string[] => listStacksIn(root);

/** One stack file's values as the CLI hands them to the program. */
export const readStackConfig = (stack: string, root = PROJECT_ROOT): StackFileConfig => readStackFile(root, stack);

/** Where the JSON Schema of the stack files is committed, relative to the project root (offline/stackSchema.ts). */
export const STACK_SCHEMA_FILE = "schema/stack-config.schema.json";
