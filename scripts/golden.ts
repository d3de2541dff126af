/** `npm run golden`: writes the golden files of the plan's reports (see offline/golden.ts). */
import * as fs from "fs";
import * as path from "path";
import { GOLDEN_DIR, renderGolden } from "../offline/golden";
import { PAIRS, REPORTS } from "../offline/goldenCases";
import { PROJECT_ROOT } from "../offline/stackFiles";

renderGolden(REPORTS, PAIRS).then(
  ({ files }) => {
    const root = path.join(PROJECT_ROOT, GOLDEN_DIR);
    fs.rmSync(root, { recursive: true, force: true });
    for (const [rel, content] of files) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
    process.stdout.write(`wrote ${files.size} file(s) to ${GOLDEN_DIR}/\n`);
  },
  (err: unknown) => {
    process.stderr.write(`golden: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
