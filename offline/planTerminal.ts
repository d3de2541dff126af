/**
 * The plan as the terminal prints it: the access matrix first, then the findings (once), the access diff when asked
 * for, counts and where the files are. Colour only on a terminal, and never with `NO_COLOR` (https://no-color.org).
 * Pure: the caller says whether colour is on.
 */
import type { AccessDiff } from "./accessDiff";
import { accessMatrix } from "./accessView";
import { diffSummary } from "./diffMarkdown";
import type { AccessJson, PlanJson } from "./planData";
import { findingsSummary } from "./planMarkdown";

export interface Style {
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const sgr = (on: number, off: number) => (text: string) => `\u001b[${on}m${text}\u001b[${off}m`;
const plain = (text: string) => text;

export const makeStyle = (colour: boolean): Style =>
  colour
    ? { bold: sgr(1, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39) }
    : { bold: plain, red: plain, yellow: plain, green: plain };

/** Colour on a terminal unless `NO_COLOR` is set to anything but the empty string. */
export const useColour = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean =>
  stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");

/** Columns padded to their widest cell (the last one is not padded). */
export function columns(rows: string[][], indent = "  "): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    (indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ")).trimEnd(),
  );
}

export interface TerminalInput {
  plan: PlanJson;
  access: AccessJson;
  /** Number of components with resources. */
  components: number;
  /** `out/<stack>` as the user should read it. */
  outDir: string;
  files: number;
  diff?: { against: string; diff: AccessDiff };
}

export function terminalReport(input: TerminalInput, style: Style): string {
  const { plan, access } = input;
  const matrix = accessMatrix(access, access.environmentDatabases[access.environment]);
  const lines = [style.bold(`atlas-access offline plan: stack ${plan.stack} (environment ${plan.environment})`), ""];
  const n = plan.counts;
  lines.push(
    style.bold("Who can reach what") +
      `: ${n.paths} path(s) from ${n.principals} principal(s) through ${n.users} Atlas user(s)`,
  );
  if (matrix.rows.length === 0) lines.push("  (nothing in this stack reaches a database)");
  else {
    const rows = [["PRINCIPAL", "VIA", ...matrix.columns], ...matrix.rows.map((r) => [r.principal, r.via, ...r.cells])];
    lines.push(...columns(rows));
    lines.push(`  (full identities, privileges and scopes: ${input.outDir}/access.json)`);
  }
  lines.push("");
  const findings = findingsSummary(plan);
  lines.push(
    `Guardrails: ${plan.findings.length === 0 ? style.green("no findings") : style.red(`${plan.findings.length} finding(s)`)}`,
  );
  for (const f of plan.findings) {
    const level = f.mandatory ? style.red("MANDATORY") : style.yellow("advisory ");
    lines.push(`  ${level} ${f.ruleId} ${f.resource}: ${f.message}${f.configKey ? ` (config: ${f.configKey})` : ""}`);
  }
  if (plan.findings.length > 0) lines.push(`  (${findings}; the fix for each: ${input.outDir}/plan.md)`);
  if (input.diff) {
    lines.push("", `${style.bold("Access diff")} against ${input.diff.against}: ${diffSummary(input.diff.diff)}`);
    for (const c of input.diff.diff.changes) lines.push(`  ${c.text}`);
  }
  lines.push("", `Resources: ${n.resources} in ${input.components} component(s) (listed in ${input.outDir}/plan.md)`);
  lines.push(`Wrote ${input.files} file(s) to ${input.outDir}/`);
  return lines.join("\n");
}
