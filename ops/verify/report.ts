/** The three forms of a verification's result: a readable report, JSON, and Markdown for a job summary. */
import { type Finding, SEVERITIES, type Severity, atLeast } from "./finding";

export interface Verification {
  stack: string;
  orgId: string;
  projectId: string;
  checkedAt: string;
  failOn: Severity;
  /** One line per source read, e.g. "6 database users". */
  read: string[];
  /** Where the list of open pull requests came from, and what it holds. */
  openPullRequests: { source: string; numbers: number[] };
  findings: Finding[];
}

const counts = (findings: readonly Finding[]) =>
  [...SEVERITIES]
    .reverse()
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");

export const failing = (v: Verification): Finding[] => v.findings.filter((f) => atLeast(f.severity, v.failOn));

const summaryLine = (v: Verification) =>
  v.findings.length === 0
    ? "no findings"
    : `${v.findings.length} finding(s) (${counts(v.findings)}); ${failing(v).length} at or above ${v.failOn}`;

const prs = (v: Verification) =>
  `${v.openPullRequests.numbers.length === 0 ? "none" : v.openPullRequests.numbers.join(", ")} (${v.openPullRequests.source})`;

export function textReport(v: Verification): string {
  const lines = [
    `atlas-access live verification: stack ${v.stack}, project ${v.projectId}, organization ${v.orgId}, at ${v.checkedAt}`,
    `Read from Atlas: ${v.read.join(", ")}`,
    `Open pull requests: ${prs(v)}`,
    "",
    `Findings: ${summaryLine(v)}`,
  ];
  for (const f of v.findings) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.id} ${f.subject}: ${f.message}`);
    lines.push(`           fix: ${f.fix}`);
  }
  return `${lines.join("\n")}\n`;
}

export const jsonReport = (v: Verification): string =>
  `${JSON.stringify({ stack: v.stack, projectId: v.projectId, checkedAt: v.checkedAt, failOn: v.failOn, findings: v.findings }, null, 2)}\n`;

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function markdownReport(v: Verification): string {
  const lines = [
    `## Atlas live verification: ${v.stack}`,
    "",
    `Project \`${v.projectId}\`, checked at ${v.checkedAt}: **${summaryLine(v)}**.`,
    "",
    `Read: ${v.read.join(", ")}. Open pull requests: ${prs(v)}.`,
    "",
  ];
  if (v.findings.length > 0) {
    lines.push("| severity | finding | subject | what | fix |", "| --- | --- | --- | --- | --- |");
    for (const f of v.findings) {
      lines.push(`| ${f.severity} | \`${f.id}\` | ${cell(f.subject)} | ${cell(f.message)} | ${cell(f.fix)} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
