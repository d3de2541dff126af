/**
 * `npm run plan`: the command line of the offline plan (Node's `util.parseArgs`). Plans one stack, several, or every
 * stack file of the config folder; prints the report (text, JSON or nothing) and exits 0 clean, 1 on a mandatory
 * guardrail finding, 2 on a config or usage error.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { ConfigError } from "../config/parse";
import { listStacks, readStackDocument } from "../config/stackFiles";
import { usageProblem } from "./cliUsage";
import type { PlanResult } from "./plan";
import { makeStyle, useColour } from "./planTerminal";
import { PROJECT_ROOT } from "./stackFiles";

export const USAGE = `Usage: npm run plan -- [options]

Runs the program offline (Pulumi's mocks, the real Pulumi.<stack>.yaml) and writes out/<stack>/:
resources.json, access.json, plan.json, plan.md and the policy artifacts.

Options:
  --stack <name>       plan this stack (repeatable; default: staging)
  --all                plan every Pulumi.<stack>.yaml of the config folder
  --diff <dir>         compare with an earlier plan (its out/ or out/<stack>/ folder);
                       writes out/<stack>/access-diff.md and access-diff.json
  --json               print the report as JSON on stdout, nothing else
  --quiet              print nothing on stdout; problems still go to stderr
  --out <dir>          write <dir>/<stack>/ instead of out/<stack>/
  --config-dir <dir>   read the stack files from <dir> (default: the project root)
  -h, --help           show this help

Exit status: 0 clean, 1 a mandatory (high or critical) guardrail finding, 2 a config or usage error.
Colour only on a terminal, and never when NO_COLOR is set.
`;

const OPTIONS = {
  stack: { type: "string", multiple: true },
  all: { type: "boolean" },
  diff: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  out: { type: "string" },
  "config-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Where the plan writes: a stream that may be a terminal. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
}

/** A config error with the stack file's line before each problem it can place. */
function located(error: ConfigError, configDir: string, stack: string): string {
  let lineOf: ((p: readonly (string | number)[]) => number | undefined) | undefined;
  try {
    lineOf = readStackDocument(configDir, stack).lineOf;
  } catch {
    lineOf = undefined;
  }
  const lines = error.problems.map((problem, i) => {
    const at = error.paths[i];
    const line = at && lineOf ? lineOf(at) : undefined;
    return `  - ${line === undefined ? "" : `Pulumi.${stack}.yaml:${line}: `}${problem}`;
  });
  return [error.message.split("\n")[0], ...lines].join("\n");
}

interface StackOutcome {
  stack: string;
  exitCode: number;
  result?: PlanResult;
  error?: string;
}

export async function main(argv: string[], options: { programDir?: string; io?: CliIo } = {}): Promise<number> {
  const io = options.io ?? { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const fail = (problem: string) => {
    io.stderr.write(`plan: ${problem}; see npm run plan -- --help\n`);
    return 2;
  };
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>["values"];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return fail(usageProblem(error, Object.keys(OPTIONS)));
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.all && values.stack) return fail("--all and --stack exclude each other");
  if (values.json && values.quiet) return fail("--json and --quiet exclude each other");
  const configDir = values["config-dir"] ?? PROJECT_ROOT;
  if (!fs.existsSync(configDir)) return fail(`--config-dir ${configDir}: no such folder`);
  const stacks = values.all ? listStacks(configDir) : [...new Set(values.stack ?? ["staging"])];
  if (stacks.length === 0) return fail(`no Pulumi.<stack>.yaml in ${configDir}`);
  const style = makeStyle(!values.json && useColour(io.stdout, io.env));
  // Loaded only now: it loads the Pulumi SDKs (1.5 s), which help, a usage error or an unknown folder do not need.
  const { DiffBaseError, plan } = await import("./plan");

  const outcomes: StackOutcome[] = [];
  for (const stack of stacks) {
    try {
      const result = await plan(
        { stack, configDir, outDir: values.out, programDir: options.programDir, diffAgainst: values.diff },
        style,
      );
      const mandatory = result.findings.filter((f) => f.mandatory);
      outcomes.push({ stack, exitCode: mandatory.length > 0 ? 1 : 0, result });
      if (!values.json && !values.quiet) io.stdout.write(`${result.report}\n\n`);
      if (mandatory.length > 0) {
        const where = values.quiet || values.json ? ":" : " (listed above)";
        io.stderr.write(
          `plan: stack ${stack}: ${mandatory.length} mandatory guardrail finding(s); a deployment would be refused${where}\n`,
        );
        if (values.quiet || values.json)
          for (const f of mandatory) io.stderr.write(`  ${f.ruleId} ${f.resource}: ${f.message}\n`);
      }
    } catch (error) {
      if (error instanceof DiffBaseError) return fail(error.message);
      const text =
        error instanceof ConfigError
          ? located(error, configDir, stack)
          : error instanceof Error
            ? error.message
            : String(error);
      io.stderr.write(`plan: stack ${stack}: ${text}\n`);
      outcomes.push({ stack, exitCode: 2, error: text });
    }
  }
  if (values.json) {
    const report = outcomes.map((o) => ({
      stack: o.stack,
      exitCode: o.exitCode,
      ...(o.error !== undefined ? { error: o.error } : {}),
      ...(o.result
        ? { plan: o.result.plan, access: o.result.access, ...(o.result.diff ? { diff: o.result.diff } : {}) }
        : {}),
    }));
    io.stdout.write(`${JSON.stringify({ stacks: report }, null, 2)}\n`);
  } else if (!values.quiet) {
    // From process start, so the time includes loading the SDKs and the program.
    io.stdout.write(`Total time: ${process.uptime().toFixed(2)} s\n`);
  }
  return Math.max(...outcomes.map((o) => o.exitCode));
}
