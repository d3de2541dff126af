/**
 * The golden files of the plan's reports: the committed stacks' `plan.md` and `access.json`, and `access-diff.md`
 * for pairs of fixture configs (the committed stack files, edited) that each make one kind of change. Every side is
 * a real run of a program. `npm run golden` writes them; a test fails when the committed files are stale.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { PROJECT } from "../domain/project";
import { type AccessDiff, type ChangeKind, accessDiff } from "./accessDiff";
import { diffMarkdown } from "./diffMarkdown";
import { runStack } from "./harness";
import { type RenderedPlan, renderPlan } from "./plan";
import { PROJECT_ROOT, readStackConfig } from "./stackFiles";

export const GOLDEN_DIR = "offline/fixtures/golden";

/** The stack files of one folder, parsed (secure values kept as they are), by stack name. */
export type Docs = Record<string, { config: Record<string, unknown> }>;
export type Edit = (docs: Docs) => void;

/** A program and one of its stacks, its files edited. */
export interface Side {
  /** `guardrails`: the fixture program with one resource of every kind the rulebook reads (test/fixtures). */
  program?: "atlas-access" | "guardrails";
  stack: string;
  edit?: Edit;
}

export interface Pair {
  name: string;
  /** What the `after` side changes, in words. */
  change: string;
  before: Side;
  after: Side;
  /** The kinds of change the diff must name, in its order. */
  expect: ChangeKind[];
}

const PROGRAMS = {
  "atlas-access": { dir: PROJECT_ROOT, stacks: ["staging", "prod"] },
  guardrails: {
    dir: path.join(PROJECT_ROOT, "test", "fixtures", "guardrail-program"),
    stacks: ["compliant", "noncompliant"],
  },
} as const;

/** `atlas-access:<key>` of a stack's document, typed loosely for edits. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into YAML documents of any shape
export const section = (docs: Docs, stack: string, key: string): any => docs[stack]?.config[`${PROJECT}:${key}`];

async function runSide(side: Side): Promise<RenderedPlan> {
  const program = PROGRAMS[side.program ?? "atlas-access"];
  const docs: Docs = Object.fromEntries(
    program.stacks.map((s) => [s, parse(fs.readFileSync(path.join(program.dir, `Pulumi.${s}.yaml`), "utf8"))]),
  );
  side.edit?.(docs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-golden-"));
  try {
    for (const [stack, doc] of Object.entries(docs))
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(doc));
    const run = await runStack({ stack: side.stack, configDir: dir, programDir: program.dir });
    const config = readStackConfig(side.stack, dir).project;
    return renderPlan({ stack: side.stack, run, config });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A golden report: one stack's `plan.md` and `access.json`. */
export interface Report {
  name: string;
  side: Side;
}

/** The golden files, by path under {@link GOLDEN_DIR}, and each pair's diff (for the tests of what it names). */
export async function renderGolden(
  reports: readonly Report[],
  pairs: readonly Pair[],
): Promise<{ files: Map<string, string>; diffs: Map<string, AccessDiff> }> {
  const files = new Map<string, string>();
  const diffs = new Map<string, AccessDiff>();
  // Runs are sequential (one Pulumi runtime per process); a side used by several pairs runs once.
  const cache = new Map<Side, RenderedPlan>();
  const run = async (side: Side) => {
    const hit = cache.get(side) ?? (await runSide(side));
    cache.set(side, hit);
    return hit;
  };
  for (const { name, side } of reports) {
    const { files: out } = await run(side);
    for (const file of ["plan.md", "access.json"]) files.set(`reports/${name}/${file}`, out.get(file) ?? "");
  }
  for (const pair of pairs) {
    const [before, after] = [await run(pair.before), await run(pair.after)];
    const side = (r: RenderedPlan) => ({ access: r.access, findings: r.plan.findings });
    const diff = accessDiff(pair.after.stack, side(before), side(after));
    diffs.set(pair.name, diff);
    files.set(`diffs/${pair.name}/access-diff.md`, diffMarkdown(diff));
  }
  return { files, diffs };
}
