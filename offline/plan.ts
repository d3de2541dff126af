/** `npm run plan`: run the program offline for one stack, print what it grants, write `out/<stack>/`. */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../config/parse";
import { evaluate } from "../guardrails/evaluate";
import type { Finding } from "../guardrails/types";
import { renderArtifacts } from "./artifacts";
import type { RunResult } from "./harness";
import type { Registration } from "./registrations";
import { runStack } from "./harness";
import { unwrapSecrets } from "./registrations";
import { PROJECT_ROOT, listStacks } from "./stackFiles";

export interface PlanOptions {
  stack: string;
  /** Where `<stack>/` is written. @default `<repo>/out` */
  outDir?: string;
  /** Folder holding `Pulumi.<stack>.yaml`. @default the repository root */
  configDir?: string;
  /** Folder holding the program's `index.ts` (tests plan a fixture program). @default the repository root */
  programDir?: string;
}

export interface PlanResult {
  run: RunResult;
  findings: Finding[];
  files: Map<string, string>;
  /** The human-readable report printed on stdout. */
  report: string;
}

/** Resources grouped under their top-level component, with counts per type. */
export function groupByComponent(regs: readonly Registration[]): string[] {
  // A name is unique only within its type, so a parent is found by its type and name.
  const key = (type: string | null, name: string | null) => `${type}::${name}`;
  const byKey = new Map(regs.map((r) => [key(r.type, r.name), r]));
  const indexOf = new Map(regs.map((r, i) => [r, i]));
  const topOf = (r: Registration): Registration => {
    let cur = r;
    for (
      let parent = byKey.get(key(cur.parentType, cur.parent));
      parent;
      parent = byKey.get(key(cur.parentType, cur.parent))
    ) {
      cur = parent;
    }
    return cur;
  };
  const groups = new Map<string, { order: number; counts: Map<string, number> }>();
  regs.forEach((r, index) => {
    const top = topOf(r);
    if (top === r && !r.custom) return; // the component itself
    const label = top === r ? "(no component)" : `${top.type} ${top.name}`;
    const group = groups.get(label) ?? {
      order: top === r ? Number.MAX_SAFE_INTEGER : (indexOf.get(top) ?? 0),
      counts: new Map<string, number>(),
    };
    if (top === r) group.order = Math.min(group.order, index);
    group.counts.set(r.type, (group.counts.get(r.type) ?? 0) + 1);
    groups.set(label, group);
  });
  const lines: string[] = [];
  // Components in the order the program declared them; resource types alphabetically within each.
  for (const [component, { counts }] of [...groups].sort((a, b) => a[1].order - b[1].order)) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${component}: ${total} resource${total === 1 ? "" : "s"}`);
    for (const [type, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
      lines.push(`    ${String(n).padStart(3)}  ${type}`);
  }
  return lines;
}

export async function plan(options: PlanOptions): Promise<PlanResult> {
  const run = await runStack({ stack: options.stack, configDir: options.configDir, programDir: options.programDir });
  const findings = evaluate(
    run.registrations.map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: unwrapSecrets(r.inputs) as Record<string, unknown>,
    })),
  );
  const files = renderArtifacts(run.registrations);
  const outDir = path.join(options.outDir ?? path.join(PROJECT_ROOT, "out"), options.stack);
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(outDir, rel), content);
  }

  const lines: string[] = [];
  lines.push(`atlas-access offline plan: stack ${options.stack} (environment ${run.outputs.environment})`);
  lines.push("");
  lines.push(`Resources: ${run.registrations.length}`);
  lines.push(...groupByComponent(run.registrations));
  lines.push("");
  lines.push("Access:");
  for (const s of run.outputs.accessSummary) {
    lines.push(`  ${s.component} ${s.name}`);
    for (const l of s.lines) lines.push(`    ${l}`);
  }
  if (run.outputs.accessSummary.length === 0) lines.push("  (no component grants access in this stack)");
  lines.push("");
  lines.push(`Guardrails: ${findings.length === 0 ? "no findings" : `${findings.length} finding(s)`}`);
  for (const f of findings)
    lines.push(`  ${f.mandatory ? "MANDATORY" : "advisory "} ${f.ruleId} ${f.resource}: ${f.message}`);
  lines.push("");
  lines.push(`Wrote ${files.size} file(s) to ${path.relative(process.cwd(), outDir) || "."}/`);
  return { run, findings, files, report: lines.join("\n") };
}

/** CLI: `plan [--stack <name>]`; exit 0 clean, 1 on a mandatory finding, 2 on a config or usage error. */
export async function main(argv: string[], defaults: Pick<PlanOptions, "programDir"> = {}): Promise<number> {
  let stack = "staging";
  let configDir: string | undefined;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--stack" && value !== undefined) stack = argv[++i] as string;
    else if (arg === "--config-dir" && value !== undefined) configDir = argv[++i];
    else if (arg === "--out" && value !== undefined) outDir = argv[++i];
    else {
      process.stderr.write(
        `plan: unknown argument ${JSON.stringify(arg)}; usage: npm run plan -- [--stack <${listStacks().join("|")}>] [--config-dir <dir>] [--out <dir>]\n`,
      );
      return 2;
    }
  }
  try {
    const result = await plan({ stack, configDir, outDir, ...defaults });
    // From process start, so the time includes loading the SDKs and the program.
    process.stdout.write(`${result.report}\nTotal time: ${process.uptime().toFixed(2)} s\n`);
    const mandatory = result.findings.filter((f) => f.mandatory);
    if (mandatory.length > 0) {
      process.stderr.write(
        `plan: ${mandatory.length} mandatory guardrail finding(s); a deployment would be refused:\n`,
      );
      for (const f of mandatory) process.stderr.write(`  ${f.ruleId} ${f.resource}: ${f.message}\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`plan: stack ${stack}: ${err.message}\n`);
    } else {
      process.stderr.write(`plan: stack ${stack}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 2;
  }
}
