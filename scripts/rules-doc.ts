/** `npm run rules:doc`: writes RULES.md from the rulebook. A test fails when the committed file differs. */
import * as fs from "fs";
import * as path from "path";
import { rules } from "../guardrails/rules";
import { renderRulesDoc } from "../guardrails/rulesDoc";

const RULES_MD = path.resolve(__dirname, "..", "RULES.md");
fs.writeFileSync(RULES_MD, renderRulesDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), RULES_MD)} (${rules.length} rules)\n`);
