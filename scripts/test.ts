/**
 * `npm test`: the format check, `npm run check` (type check and lint) and the jest suite, run at the same time (the
 * checks use one core, jest two workers: together they finish well before the three in a row). Each one's output is
 * printed whole when it ends, in this order; the exit code is non-zero when any of them failed.
 */
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

interface Step {
  name: string;
  args: string[];
  /** The longest step (one thread all the way) keeps normal priority; the others yield the core to it when both wait. */
  critical?: boolean;
}

const STEPS: Step[] = [
  { name: "format", args: ["run", "--silent", "format:check"] },
  { name: "check", args: ["run", "--silent", "check"], critical: true },
  { name: "jest", args: ["run", "--silent", "jest", "--", ...process.argv.slice(2)] },
];

function run(step: Step): Promise<{ step: Step; code: number; output: string; seconds: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", step.args, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY && !process.env.NO_COLOR ? "1" : "0" },
    });
    if (!step.critical && child.pid !== undefined) os.setPriority(child.pid, 10);
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ step, code: code ?? 1, output, seconds: (Date.now() - start) / 1000 }));
  });
}

async function main(): Promise<number> {
  const results = await Promise.all(STEPS.map(run));
  for (const r of results) {
    process.stdout.write(
      `\n=== ${r.step.name}: ${r.code === 0 ? "passed" : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(1)} s\n`,
    );
    process.stdout.write(r.output.endsWith("\n") || r.output === "" ? r.output : `${r.output}\n`);
  }
  const failed = results.filter((r) => r.code !== 0).map((r) => r.step.name);
  process.stdout.write(`\nnpm test: ${failed.length === 0 ? "all passed" : `failed: ${failed.join(", ")}`}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`test: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
