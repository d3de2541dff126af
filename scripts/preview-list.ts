/**
 * `node -r @swc-node/register scripts/preview-list.ts <open N | close N | prune> [--file Pulumi.staging.yaml]`
 * Edits the preview list in place and prints the resulting lists (plain numbers, nothing secret).
 * `owner` prints the one stack whose config has `atlas-access:previews` (the stack the workflow updates).
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT, listStacks, readStackConfig } from "../offline/stackFiles";
import { PREVIEWS_KEY, editPreviewList, parseAction, readPreviewLists } from "../areas/operator/previewList";

function main(argv: string[]): void {
  if (argv[0] === "owner") {
    const owners = listStacks().filter((s) => readStackConfig(s).project.previews !== undefined);
    if (owners.length !== 1)
      throw new Error(`expected exactly one stack configuring ${PREVIEWS_KEY}, found: ${owners.join(", ") || "none"}`);
    process.stdout.write(`${owners[0]}\n`);
    return;
  }
  const i = argv.indexOf("--file");
  const file = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !file) throw new Error("--file needs a path");
  const rest = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;
  const target = path.resolve(file ?? path.join(PROJECT_ROOT, "Pulumi.staging.yaml"));
  const text = fs.readFileSync(target, "utf8");
  const next = editPreviewList(text, parseAction(rest), path.basename(target));
  fs.writeFileSync(target, next);
  process.stdout.write(`${JSON.stringify(readPreviewLists(next, path.basename(target)))}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`preview-list: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
