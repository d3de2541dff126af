import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../offline/harness";

/**
 * The shared reference folder (real CRD schemas, seeds): `$ATLAS_ACCESS_SHARED`, else `../shared` next to the
 * repository. Undefined when the folder is missing: a test that needs it must then say it is skipped, and why.
 */
export function sharedDir(): string | undefined {
  const dir = process.env.ATLAS_ACCESS_SHARED ?? path.resolve(PROJECT_ROOT, "..", "shared");
  return fs.existsSync(dir) ? dir : undefined;
}
