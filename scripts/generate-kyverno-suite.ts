/** Writes the Kyverno CLI suite under admission/kyverno-test/ from the corpus (see kyvernoSuite.ts). */
import * as fs from "fs";
import * as path from "path";
import { CORPUS_PARAMS, loadCorpus } from "../offline/admission/corpus";
import { renderKyvernoSuite, SUITE_DIR } from "../offline/admission/kyvernoSuite";
import { buildAdmissionPolicies } from "../areas/admission/policies";

const files = renderKyvernoSuite(loadCorpus(), buildAdmissionPolicies(CORPUS_PARAMS));
fs.mkdirSync(SUITE_DIR, { recursive: true });
for (const [name, content] of files) fs.writeFileSync(path.join(SUITE_DIR, name), content);
process.stdout.write(
  `wrote ${[...files.keys()].map((f) => path.relative(process.cwd(), path.join(SUITE_DIR, f))).join(", ")}\n`,
);
