/**
 * `npm run bench`: wall time of the offline plan per stack against a floor — a bare Node process that only imports
 * the Pulumi SDKs the program uses. Target: plan ≤ 1.5 × floor. Median of several runs, processes run one at a time.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT, listStacks } from "./lib/harness";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_RATIO = 1.5;
const SDKS = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/gcp", "@pulumi/kubernetes", "@pulumi/mongodbatlas", "@pulumi/random"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: "ignore" });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function measure(label: string, args: string[]): number {
  time(args); // warm the file-system cache
  const m = median(Array.from({ length: RUNS }, () => time(args)));
  console.log(`${label.padEnd(34)} ${m.toFixed(2)} s (median of ${RUNS})`);
  return m;
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-bench-"));
console.log(`atlas-access bench on ${os.cpus().length} cores, Node ${process.version}`);
const floor = measure("floor: import the Pulumi SDKs", ["-e", SDKS.map((s) => `require(${JSON.stringify(s)})`).join(";")]);
let worst = 0;
for (const stack of listStacks()) {
  const t = measure(`plan --stack ${stack}`, ["-r", "@swc-node/register", "scripts/plan.ts", "--stack", stack, "--out", out]);
  worst = Math.max(worst, t / floor);
  console.log(`${"".padEnd(34)} ${(t / floor).toFixed(2)} × floor`);
}
console.log(`worst ratio ${worst.toFixed(2)} × floor (target ≤ ${TARGET_RATIO})${worst <= TARGET_RATIO ? "" : "  ABOVE TARGET"}`);
fs.rmSync(out, { recursive: true, force: true });
