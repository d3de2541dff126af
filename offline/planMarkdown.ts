/**
 * `out/<stack>/plan.md`: the plan as a reviewer reads it in a pull-request comment or a job summary — counts, the
 * access matrix, a Mermaid graph of the paths, the guardrail findings, and the details folded away. Pure; every line
 * outside the folded details and the graph fits 100 columns.
 */
import type { AccessSummary } from "../domain/summary";
import { accessMatrix } from "./accessView";
import { accessGraph } from "./mermaid";
import type { AccessJson, PlanJson } from "./planData";

export const WIDTH = 100;

/** Words wrapped to {@link WIDTH}, continuation lines indented by `indent`. */
export function wrap(text: string, indent = "  ", width = WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (next.length > width && line !== "") {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;

/** A Markdown table; empty cells stay empty. */
export const table = (header: string[], rows: string[][]): string[] => [
  row(header),
  row(header.map(() => "---")),
  ...rows.map(row),
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function findingsSummary(plan: PlanJson): string {
  const total = plan.findings.length;
  if (total === 0) return "no findings";
  const bySeverity = Object.entries(plan.counts.findings)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `${plural(total, "finding")} (${bySeverity.join(", ")})`;
}

export interface MarkdownInput {
  plan: PlanJson;
  access: AccessJson;
  /** Resources per component, as the terminal lists them. */
  components: string[];
  /** What each component says it grants. */
  summaries: readonly AccessSummary[];
}

export function planMarkdown({ plan, access, components, summaries }: MarkdownInput): string {
  const own = access.environmentDatabases[access.environment];
  const matrix = accessMatrix(access, own);
  const out: string[] = [`## Offline plan: ${plan.stack}`, ""];
  const counts =
    `Environment \`${plan.environment}\`${own ? ` (database \`${own}\`)` : ""}: ` +
    `${plural(plan.counts.paths, "path")} to data from ${plural(plan.counts.principals, "principal")} ` +
    `through ${plural(plan.counts.users, "Atlas user")}; ${plural(plan.counts.resources, "resource")}; ` +
    `guardrails: ${findingsSummary(plan)}.`;
  out.push(...wrap(counts, ""), "");
  out.push("### Who can reach what", "");
  if (matrix.rows.length === 0) {
    out.push("Nothing in this stack reaches a database.", "");
  } else {
    out.push(
      ...table(
        ["Principal", "Via", ...matrix.columns],
        matrix.rows.map((r) => [r.principal, r.via, ...r.cells]),
      ),
    );
    out.push("", ...wrap("Cells name the roles; privileges, scopes and full identities are in `access.json`.", ""), "");
    out.push(accessGraph(access), "");
  }
  out.push("### Guardrails", "");
  if (plan.findings.length === 0) out.push("No findings.", "");
  for (const f of plan.findings) {
    const where = f.configKey ? ` (config: \`${f.configKey}\`)` : "";
    const text = `- **${f.severity}${f.mandatory ? ", blocks deployment" : ""}** ${f.ruleId} \`${f.resource}\`${where}: ${f.message}. Fix: ${f.fix}`;
    out.push(...wrap(text));
  }
  if (plan.findings.length > 0) out.push("");
  out.push("<details><summary>Resources by component</summary>", "", "```", ...components, "```", "", "</details>", "");
  out.push("<details><summary>What each component grants</summary>", "");
  for (const s of summaries) {
    out.push(`- \`${s.component} ${s.name}\``);
    for (const l of s.lines) out.push(...wrap(`  - ${l}`, "    "));
  }
  out.push("", "</details>", "");
  return out.join("\n");
}
