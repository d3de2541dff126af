/** `out/<stack>/access-diff.md`: the access diff as a pull-request comment section, grouped, in plain words. Pure. */
import type { AccessDiff, ChangeKind } from "./accessDiff";
import { wrap } from "./planMarkdown";

/** Each group of changes: its heading, its name in the summary line, and its kinds. */
const HEADINGS: readonly [string, string, readonly ChangeKind[]][] = [
  ["Access gained or moved", "gained or moved", ["gained", "moved"]],
  ["Access widened or rerouted", "widened or rerouted", ["widened", "changed", "route", "scope"]],
  ["Access narrowed or lost", "narrowed or lost", ["narrowed", "lost"]],
  ["Atlas users", "Atlas users", ["user-added", "user-changed", "user-removed"]],
  ["Guardrail findings", "findings", ["finding-new", "finding-fixed"]],
];

/** `3 changes: 1 access gained, 2 guardrail findings` — or that nothing changed. */
export function diffSummary(diff: AccessDiff): string {
  if (diff.changes.length === 0) {
    return "No change: the same principals reach the same databases with the same privileges, through the same Atlas users; the same guardrail findings.";
  }
  const parts = HEADINGS.flatMap(([, short, kinds]) => {
    const n = diff.changes.filter((c) => kinds.includes(c.kind)).length;
    return n > 0 ? [`${short}: ${n}`] : [];
  });
  return `${diff.changes.length} change${diff.changes.length === 1 ? "" : "s"} (${parts.join("; ")}).`;
}

export function diffMarkdown(diff: AccessDiff): string {
  const out = [`## Access diff: ${diff.stack}`, "", ...wrap(diffSummary(diff), ""), ""];
  for (const [heading, , kinds] of HEADINGS) {
    const changes = diff.changes.filter((c) => kinds.includes(c.kind));
    if (changes.length === 0) continue;
    out.push(`### ${heading}`, "");
    for (const c of changes) out.push(...wrap(`- ${c.text}`));
    out.push("");
  }
  return out.join("\n");
}
