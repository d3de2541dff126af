import { rules as allRules } from "./rules";
import type { Finding, ResourceView, Rule } from "./types";
import { appliesTo, isMandatory } from "./types";

/** Runs every rule over a stack's resources. Findings come out in rule order, then resource order. */
export function evaluate(resources: readonly ResourceView[], rules: readonly Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const base = { ruleId: rule.id, severity: rule.severity, mandatory: isMandatory(rule.severity) };
    if (rule.kind === "resource") {
      for (const r of resources) {
        if (!appliesTo(rule, r.type)) continue;
        for (const message of rule.check(r)) findings.push({ ...base, resource: `${r.type} ${r.name}`, message });
      }
    } else {
      for (const f of rule.check(resources)) findings.push({ ...base, ...f });
    }
  }
  return findings;
}
