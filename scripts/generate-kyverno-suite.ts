/**
 * `npm run admission:generate`: writes each admission policy folder's rendered policy and Kyverno CLI suite
 * (logic in offline/admission/generate.ts).
 */
import * as path from "path";
import { buildAdmissionPolicies } from "../areas/admission/policies";
import { CORPUS_PARAMS, loadCorpus, POLICIES_DIR } from "../offline/admission/corpus";
import { renderAdmissionFiles, writeAdmissionFiles } from "../offline/admission/generate";

const written = writeAdmissionFiles(renderAdmissionFiles(loadCorpus(), buildAdmissionPolicies(CORPUS_PARAMS)));
process.stdout.write(
  `wrote ${written.map((f) => path.relative(process.cwd(), path.join(POLICIES_DIR, f))).join("\n      ")}\n`,
);
