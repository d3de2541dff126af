import * as fs from "fs";
import * as path from "path";
import { renderRulesDoc, RULES_MD } from "../scripts/rules-doc";
import { evaluate } from "./evaluate";
import { rules } from "./rules";
import { runStack } from "../offline/harness";
import { unwrapSecrets } from "../offline/registrations";

const AREAS: Record<string, string> = { IAM: "iam", ATLAS: "atlas", GCP: "gcp", K8S: "kubernetes", AUDIT: "audit" };

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

  test("one rule per file, named by its id, proven by Noncompliance and Compliance cases in its area's test", () => {
    for (const r of rules) {
      const area = AREAS[r.id.split("-")[0] as string] as string;
      const dir = path.join(__dirname, "rules", area);
      expect([r.id, fs.existsSync(path.join(dir, `${r.id}.ts`))]).toEqual([r.id, true]);
      const tests = fs.readFileSync(path.join(dir, `${area}.test.ts`), "utf8");
      const start = tests.indexOf(`describe("${r.id}:`);
      expect([r.id, start >= 0]).toEqual([r.id, true]);
      const next = tests.indexOf("\ndescribe(", start + 1);
      const block = tests.slice(start, next < 0 ? undefined : next);
      expect([r.id, /test\(\s*["'`]Noncompliance 1/.test(block), /test\(\s*["'`]Compliance/.test(block)]).toEqual([
        r.id,
        true,
        true,
      ]);
    }
  });

  test("RULES.md is generated from the rulebook (run `npm run rules:doc` when this fails)", () => {
    expect(fs.readFileSync(RULES_MD, "utf8")).toBe(renderRulesDoc(rules));
  });
});

describe("both stacks are clean", () => {
  // Each stack must hold what the rules look at, or "zero findings" would prove nothing.
  const mustHold: Record<string, string[]> = {
    prod: [
      "aws:iam/role:Role",
      "aws:cloudtrail/trail:Trail",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "mongodbatlas:index/databaseUser:DatabaseUser",
      "gcp:secretmanager/secretIamMember:SecretIamMember",
    ],
    staging: [
      "aws:iam/role:Role",
      "aws:cloudtrail/trail:Trail",
      "mongodbatlas:index/databaseUser:DatabaseUser",
      "mongodbatlas:index/customDbRole:CustomDbRole",
      "mongodbatlas:index/streamConnection:StreamConnection",
      "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:policies.kyverno.io/v1:ValidatingPolicy",
    ],
  };
  test.each(["staging", "prod"])("%s: every rule over every registration, zero findings", async (stack) => {
    const { registrations } = await runStack({ stack });
    const types = new Set(registrations.map((r) => r.type));
    expect((mustHold[stack] ?? []).filter((t) => !types.has(t))).toEqual([]);
    const findings = evaluate(
      registrations.map((r) => ({
        type: r.type,
        name: r.name,
        parent: r.parent,
        inputs: unwrapSecrets(r.inputs) as Record<string, unknown>,
      })),
    );
    expect(findings).toEqual([]);
  });
});
