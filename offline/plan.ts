/**
 * One stack's offline plan: run the real program under mocks, evaluate the guardrails, derive the access model, and
 * write `out/<stack>/` — the artifacts, `access.json`, `plan.json`, `plan.md` and, against an earlier plan, the access
 * diff. The folder is emptied before the run, so a failed run never leaves a stale plan behind.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../guardrails/evaluate";
import type { Finding } from "../guardrails/types";
import { type AccessModel, accessModel } from "./access";
import { type AccessDiff, type PlanSide, accessDiff } from "./accessDiff";
import { renderArtifacts } from "./artifacts";
import { diffMarkdown } from "./diffMarkdown";
import type { RunResult } from "./harness";
import { runStack } from "./harness";
import { type AccessJson, type PlanJson, accessJson, jsonText, planJson } from "./planData";
import { planMarkdown } from "./planMarkdown";
import { type Style, makeStyle, terminalReport } from "./planTerminal";
import type { Registration } from "./registrations";
import { unwrapSecrets } from "./registrations";
import { PROJECT_ROOT, readStackConfig } from "./stackFiles";

export interface PlanOptions {
  stack: string;
  /** Where `<stack>/` is written. @default `<repo>/out` */
  outDir?: string;
  /** Folder holding `Pulumi.<stack>.yaml`. @default the repository root */
  configDir?: string;
  /** Folder holding the program's `index.ts` (tests plan a fixture program). @default the repository root */
  programDir?: string;
  /** An earlier plan to diff against: its `out/<stack>/` folder, or the `out/` folder holding it. */
  diffAgainst?: string;
}

export interface PlanResult extends RenderedPlan {
  run: RunResult;
  /** `out/<stack>` as written. */
  outDir: string;
  /** The report printed on stdout (without colour unless a style was given). */
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

/** Thrown when `--diff` does not point at an earlier plan: a usage error. */
export class DiffBaseError extends Error {}

/**
 * The earlier plan of `stack` in `dir` (its `out/<stack>/` or the `out/` holding it). A folder without a plan of this
 * stack (a stack added since) compares with nothing: every path is new.
 */
export function readPlanSide(dir: string, stack: string): PlanSide {
  if (!fs.existsSync(dir))
    throw new DiffBaseError(`--diff ${dir}: no such folder; give the out/ folder of an earlier plan`);
  const folder = [dir, path.join(dir, stack)].find((d) => fs.existsSync(path.join(d, "access.json")));
  if (!folder) return { access: { paths: [], users: [] }, findings: [] };
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
  const access = read("access.json") as AccessJson;
  if (access.stack !== undefined && access.stack !== stack) {
    throw new DiffBaseError(`--diff ${dir}: access.json there is stack ${access.stack}'s, not ${stack}'s`);
  }
  const findings = fs.existsSync(path.join(folder, "plan.json")) ? (read("plan.json") as PlanJson).findings : [];
  return { access, findings };
}

/** What one run of the program makes of a stack: every file of `out/<stack>/` and the data behind them. Pure. */
export interface RenderedPlan {
  findings: Finding[];
  model: AccessModel;
  plan: PlanJson;
  access: AccessJson;
  diff?: AccessDiff;
  files: Map<string, string>;
  /** Resources per component, as `groupByComponent` lists them. */
  components: string[];
}

export function renderPlan(options: {
  stack: string;
  run: RunResult;
  /** The stack's `atlas-access:*` values (without prefix), for config keys and the environment databases. */
  config: Record<string, unknown>;
  base?: PlanSide;
}): RenderedPlan {
  const { stack, run, config } = options;
  const findings = evaluate(
    run.registrations.map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: unwrapSecrets(r.inputs) as Record<string, unknown>,
    })),
  );
  const environment = String(run.outputs.environment ?? config.environment ?? "unknown");
  const environmentDatabases =
    (config.atlas as { environmentDatabases?: Record<string, string> } | undefined)?.environmentDatabases ?? {};
  const model = accessModel(run.registrations);
  const access = accessJson({ stack, environment, environmentDatabases, model });
  const planData = planJson({ stack, environment, registrations: run.registrations, findings, model, config });
  const components = groupByComponent(run.registrations);
  const summaries = run.outputs.accessSummary ?? [];
  const files = renderArtifacts(run.registrations);
  files.set("access.json", jsonText(access));
  files.set("plan.json", jsonText(planData));
  files.set("plan.md", planMarkdown({ plan: planData, access, components, summaries }));
  const diff = options.base ? accessDiff(stack, options.base, { access, findings: planData.findings }) : undefined;
  if (diff) {
    files.set("access-diff.json", jsonText(diff));
    files.set("access-diff.md", diffMarkdown(diff));
  }
  return { findings, model, plan: planData, access, diff, files, components };
}

export async function plan(options: PlanOptions, style: Style = makeStyle(false)): Promise<PlanResult> {
  const { stack } = options;
  const outDir = path.join(options.outDir ?? path.join(PROJECT_ROOT, "out"), stack);
  // Read the earlier plan before emptying the folder: it may be the very folder this run writes.
  const base = options.diffAgainst === undefined ? undefined : readPlanSide(options.diffAgainst, stack);
  fs.rmSync(outDir, { recursive: true, force: true });

  const run = await runStack({ stack, configDir: options.configDir, programDir: options.programDir });
  const config = readStackConfig(stack, options.configDir ?? PROJECT_ROOT).project;
  const rendered = renderPlan({ stack, run, config, base });
  for (const [rel, content] of rendered.files) {
    fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(outDir, rel), content);
  }
  const report = terminalReport(
    {
      plan: rendered.plan,
      access: rendered.access,
      components: rendered.components.filter((l) => /^ {2}\S/.test(l)).length,
      outDir: path.relative(process.cwd(), outDir) || ".",
      files: rendered.files.size,
      diff: rendered.diff && options.diffAgainst ? { against: options.diffAgainst, diff: rendered.diff } : undefined,
    },
    style,
  );
  return { ...rendered, run, outDir, report };
}
