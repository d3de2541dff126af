import * as fs from "fs";
import * as path from "path";
import { rules } from "./rules";
import { renderRulesDoc } from "./rulesDoc";
import { AREA_FOLDERS, ruleModulesIn, RULES_DIR } from "./testing";

const areaOf = (id: string): string => id.split("-")[0] as string;

describe("the rulebook", () => {
  test("ids are unique, well-formed, and every rule says what, why and how to fix", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect([r.id, /^(IAM|ATLAS|GCP|K8S|AUDIT)-\d{3}$/.test(r.id)]).toEqual([r.id, true]);
      expect([r.id, r.title.length > 10, r.reason.length > 20, r.remediation.length > 20]).toEqual([
        r.id,
        true,
        true,
        true,
      ]);
    }
  });

  test("rulebook order: by area (IAM, ATLAS, GCP, K8S, AUDIT), ids ascending within an area", () => {
    const areas = Object.keys(AREA_FOLDERS);
    const sorted = [...rules].sort(
      (a, b) => areas.indexOf(areaOf(a.id)) - areas.indexOf(areaOf(b.id)) || a.id.localeCompare(b.id),
    );
    expect(rules.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  test("RULES.md is generated from the rulebook (run `npm run rules:doc` when this fails)", () => {
    expect(fs.readFileSync(path.join(__dirname, "..", "RULES.md"), "utf8")).toBe(renderRulesDoc(rules));
  });
});

describe("every rule has a file named by what it checks, and cases beside it", () => {
  const found = Object.entries(AREA_FOLDERS).flatMap(([area, folder]) =>
    ruleModulesIn(path.join(RULES_DIR, folder)).map((m) => ({ area, folder, ...m })),
  );

  test("each rule file exports one listed rule under the file's name, in the folder of its area", () => {
    expect(
      found.map((m) => [`${m.folder}/${m.name}.ts`, m.rule !== undefined && rules.includes(m.rule), m.rule?.id]),
    ).toEqual(found.map((m) => [`${m.folder}/${m.name}.ts`, true, expect.stringMatching(`^${m.area}-\\d{3}$`)]));
    expect(rules.filter((r) => !found.some((m) => m.rule === r)).map((r) => r.id)).toEqual([]);
    expect(found.map((m) => m.name).filter((name) => !/^[A-Z][A-Za-z0-9]+$/.test(name))).toEqual([]);
  });

  test("a rule folder holds only rules, each rule's cases and the area's test", () => {
    for (const folder of Object.values(AREA_FOLDERS)) {
      const files = fs.readdirSync(path.join(RULES_DIR, folder)).sort();
      const names = found.filter((m) => m.folder === folder).map((m) => m.name);
      const expected = [...names.flatMap((n) => [`${n}.ts`, `${n}.cases.ts`]), `${folder}.test.ts`].sort();
      expect([folder, files]).toEqual([folder, expected]);
    }
  });

  test.each(rules.map((r) => [r.id, r] as const))(
    "%s: at least one noncompliant case (each with its findings) and one compliant case",
    (_id, rule) => {
      const cases = found.find((m) => m.rule === rule)?.cases;
      expect([
        rule.id,
        (cases?.noncompliant.length ?? 0) > 0,
        cases?.noncompliant.every((c) => c.findings.length > 0),
        (cases?.compliant.length ?? 0) > 0,
      ]).toEqual([rule.id, true, true, true]);
    },
  );
});
