/**
 * Writes vendor/atlas-admin-api/v2-subset.json from a full Atlas Admin API specification:
 *   npm run atlas-spec:subset -- --spec <path to mongodb/openapi openapi/v2.json>
 * What is kept is listed in vendor/atlas-admin-api/selection.json.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { extractSubset, renderSubset, type SubsetSelection } from "../offline/atlasSpec/subset";

const VENDOR = path.join(__dirname, "..", "vendor", "atlas-admin-api");
const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    selection: { type: "string", default: path.join(VENDOR, "selection.json") },
    out: { type: "string", default: path.join(VENDOR, "v2-subset.json") },
  },
});
if (!values.spec) {
  console.error("usage: npm run atlas-spec:subset -- --spec <openapi/v2.json> [--selection <file>] [--out <file>]");
  process.exit(2);
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, never>;
const selection = read(values.selection) as unknown as SubsetSelection;
fs.writeFileSync(values.out, renderSubset(extractSubset(read(values.spec), selection)));
console.log(`wrote ${values.out}`);
