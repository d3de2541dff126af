/**
 * For the rulebook's own tests (uses jest): loads each rule with the cases beside it, and runs the cases through
 * `evaluate`. Rules and cases are found as modules by file name, never by reading a file's text.
 */
import * as fs from "fs";
import * as path from "path";
import type { RuleCases } from "./cases";
import { evaluate } from "./evaluate";
import { rules } from "./rules";
import type { ResourceView, Rule } from "./types";

/** Rule folders by id prefix: `IAM-001` lives in `rules/iam/`. */
export const AREA_FOLDERS: Readonly<Record<string, string>> = {
  IAM: "iam",
  ATLAS: "atlas",
  GCP: "gcp",
  K8S: "kubernetes",
  AUDIT: "audit",
};

export const RULES_DIR = path.join(__dirname, "rules");

/** Runs one rule through `evaluate` (the path the plan uses) and returns `<type> <name>: <message>` lines. */
export const findingsOf = (rule: Rule, ...resources: readonly ResourceView[]): string[] =>
  evaluate(resources, [rule]).map((f) => `${f.resource}: ${f.message}`);

export interface RuleModule {
  /** `<Name>` of `rules/<area>/<Name>.ts`. */
  name: string;
  /** What the file exports under its own name (a rule, unless the file is misnamed). */
  rule: Rule | undefined;
  /** `cases` exported by `<Name>.cases.ts`, undefined when there is no such file. */
  cases: RuleCases | undefined;
}

/** Every rule file of a rule folder with its cases, in rulebook order (files holding no listed rule last). */
export function ruleModulesIn(dir: string): RuleModule[] {
  const files = fs.readdirSync(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the folder is read at run time: which files exist is what the meta-test checks
  const load = (file: string) => require(path.join(dir, file)) as Record<string, unknown>;
  const order = (m: RuleModule) => (m.rule && rules.includes(m.rule) ? rules.indexOf(m.rule) : rules.length);
  return files
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".cases.ts") && !f.endsWith(".test.ts"))
    .map((file) => {
      const name = path.basename(file, ".ts");
      const hasCases = files.includes(`${name}.cases.ts`);
      return {
        name,
        rule: load(file)[name] as Rule | undefined,
        cases: hasCases ? (load(`${name}.cases.ts`).cases as RuleCases | undefined) : undefined,
      };
    })
    .sort((a, b) => order(a) - order(b));
}

/**
 * The area test: every rule of the folder, its noncompliant cases (exact findings, in order) and its compliant cases
 * (no finding). `rulebook.test.ts` checks that each rule has both kinds.
 */
export function testRulesIn(dir: string): void {
  for (const { name, rule, cases } of ruleModulesIn(dir)) {
    if (!rule || !cases) continue;
    describe(`${rule.id} ${name}: ${rule.title}`, () => {
      for (const [i, c] of cases.noncompliant.entries()) {
        test(`Noncompliance ${i + 1}: ${c.name}`, () => {
          expect(findingsOf(rule, ...c.resources)).toEqual(c.findings);
        });
      }
      for (const [i, c] of cases.compliant.entries()) {
        test(`Compliance ${i + 1}: ${c.name}`, () => {
          expect(findingsOf(rule, ...c.resources)).toEqual([]);
        });
      }
    });
  }
}
