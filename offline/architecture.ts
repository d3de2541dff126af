/**
 * Proof that the lint rules enforcing the architecture (`eslint.config.mjs`) really fire: probe files, each importing
 * one thing, are written into the real folders (the rules are about folders), linted with the project's config
 * (type information off: these rules do not need it), and removed. `npm run check` runs it after the lint.
 */
import * as fs from "fs";
import * as path from "path";
import { ESLint } from "eslint";

/** Probe files: path relative to the root → source. Each imports one thing. */
export const PROBES: Record<string, string> = {
  "domain/__probe__config.ts": 'export * from "../config/schema";\n',
  "domain/__probe__own.ts": 'export * from "./aws";\n',
  "config/__probe__area.ts": 'export * from "../areas/connection/config";\n',
  "config/__probe__domain.ts": 'export * from "../domain/aws";\n',
  "areas/audit/__probe__offline.ts": 'export * from "../../offline/harness";\n',
  "areas/audit/__probe__program.ts": 'export * from "../../program/config";\n',
  "areas/audit/__probe__other-area.ts": 'export { principalProblem } from "../connection/principals";\n',
  "areas/audit/__probe__other-area-type.ts": 'export type { AwsConfig } from "../connection/config";\n',
  "areas/audit/__probe__test-package.ts": 'export { default } from "ajv";\n',
  "areas/audit/__probe__domain.ts": 'export * from "../../domain/aws";\n',
  "areas/audit/__probe__.test.ts": 'export * from "../../offline/harness";\n',
  "program/__probe__offline.ts": 'export * from "../offline/harness";\n',
  "guardrails/__probe__area.ts": 'export * from "../areas/connection/principals";\n',
  "guardrails/__probe__domain.ts": 'export * from "../domain/atlas";\n',
  "policy/__probe__program.ts": 'export * from "../program/config";\n',
  "offline/__probe__cycle-a.ts": 'import { b } from "./__probe__cycle-b";\nexport const a = (): number => b;\n',
  "offline/__probe__cycle-b.ts": 'import { a } from "./__probe__cycle-a";\nexport const b = (): number => a();\n',
};

const RESTRICTED_PATH = "import-x/no-restricted-paths";
const RESTRICTED_IMPORT = "@typescript-eslint/no-restricted-imports";

/** The rules each probe must trigger (none: the import is allowed). */
export const EXPECTED: [string, string[]][] = [
  ["domain/__probe__config.ts", [RESTRICTED_PATH]],
  ["domain/__probe__own.ts", []],
  ["config/__probe__area.ts", [RESTRICTED_PATH]],
  ["config/__probe__domain.ts", []],
  ["areas/audit/__probe__offline.ts", [RESTRICTED_PATH]],
  ["areas/audit/__probe__program.ts", [RESTRICTED_PATH]],
  ["areas/audit/__probe__other-area.ts", [RESTRICTED_IMPORT]],
  ["areas/audit/__probe__other-area-type.ts", []],
  ["areas/audit/__probe__test-package.ts", [RESTRICTED_IMPORT]],
  ["areas/audit/__probe__domain.ts", []],
  ["areas/audit/__probe__.test.ts", []],
  ["program/__probe__offline.ts", [RESTRICTED_PATH]],
  ["guardrails/__probe__area.ts", [RESTRICTED_PATH]],
  ["guardrails/__probe__domain.ts", []],
  ["policy/__probe__program.ts", [RESTRICTED_PATH]],
  ["offline/__probe__cycle-a.ts", ["import-x/no-cycle"]],
];

/** The probes whose findings differ from {@link EXPECTED}, as `file: expected [...], got [...]`; empty when all hold. */
export async function proveArchitectureRules(root: string): Promise<string[]> {
  for (const [file, source] of Object.entries(PROBES)) fs.writeFileSync(path.join(root, file), source);
  let results: ESLint.LintResult[];
  try {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: path.join(__dirname, "fixtures", "architecture", "eslint.config.mjs"),
      ignore: false,
    });
    results = await eslint.lintFiles(Object.keys(PROBES));
  } finally {
    for (const file of Object.keys(PROBES)) fs.rmSync(path.join(root, file), { force: true });
  }
  const found = new Map(
    results.map((r) => [path.relative(root, r.filePath), r.messages.map((m) => m.ruleId ?? "parse-error")]),
  );
  return EXPECTED.flatMap(([file, rules]) => {
    const got = found.get(file) ?? ["(not linted)"];
    return JSON.stringify(got) === JSON.stringify(rules)
      ? []
      : [`${file}: expected ${JSON.stringify(rules)}, got ${JSON.stringify(got)}`];
  });
}
