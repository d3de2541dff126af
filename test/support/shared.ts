import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../scripts/lib/harness";

/**
 * The shared reference folder (`../shared`: CRD schemas, seeds), or undefined when it is absent. Override with the
 * environment variable `ATLAS_ACCESS_SHARED`. Tests that need it must say clearly that they are skipped and why.
 */
export function sharedDir(): string | undefined {
  const dir = process.env.ATLAS_ACCESS_SHARED ?? path.resolve(PROJECT_ROOT, "..", "shared");
  return fs.existsSync(dir) ? dir : undefined;
}
