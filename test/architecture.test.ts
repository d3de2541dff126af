/**
 * The import direction and the absence of cycles are enforced by ESLint (`eslint.config.mjs`); this proves the rules
 * really fire. Probe files are written into the real folders (the rules are about folders), linted with the project's
 * config (type information off: these rules do not need it), and removed.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";

const ROOT = path.resolve(__dirname, "..");
const exec = promisify(execFile);

/** Probe files: path relative to the root → source. Each imports one thing. */
const PROBES: Record<string, string> = {
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

interface LintMessage {
  ruleId: string | null;
}
let findings: Map<string, string[]>;

beforeAll(async () => {
  for (const [file, source] of Object.entries(PROBES)) fs.writeFileSync(path.join(ROOT, file), source);
  try {
    const eslint = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");
    const config = path.join("test", "fixtures", "architecture", "eslint.config.mjs");
    const { stdout } = await exec(
      process.execPath,
      [eslint, "--config", config, "--no-ignore", "--format", "json", ...Object.keys(PROBES)],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    const results = JSON.parse(stdout) as { filePath: string; messages: LintMessage[] }[];
    findings = new Map(
      results.map((r) => [path.relative(ROOT, r.filePath), r.messages.map((m) => m.ruleId ?? "parse-error")]),
    );
  } finally {
    for (const file of Object.keys(PROBES)) fs.rmSync(path.join(ROOT, file), { force: true });
  }
}, 60_000);

const RESTRICTED_PATH = "import-x/no-restricted-paths";
const RESTRICTED_IMPORT = "@typescript-eslint/no-restricted-imports";

test.each([
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
])("%s: %j", (file, rules) => {
  expect(findings.get(file)).toEqual(rules);
});
