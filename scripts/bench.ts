/**
 * `npm run bench`: wall time of `npm run plan`'s process, one process at a time, median of several runs.
 * - per stack, against a floor: a bare Node process that only imports the Pulumi SDKs. Target: ≤ 1.5 × floor.
 * - staging with 1 and with 500 previews (config written to a temporary folder). Target: 500 ≤ 2 × 1.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT } from "../offline/stackFiles";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SDKS = [
  "@pulumi/pulumi",
  "@pulumi/aws",
  "@pulumi/gcp",
  "@pulumi/kubernetes",
  "@pulumi/mongodbatlas",
  "@pulumi/random",
];

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

function measure(label: string, args: string[], runs = RUNS): number {
  time(args); // warm the file-system cache
  const m = median(Array.from({ length: runs }, () => time(args)));
  console.log(`${label.padEnd(36)} ${m.toFixed(2)} s (median of ${runs})`);
  return m;
}

const verdict = (ratio: number, target: number) =>
  `${ratio.toFixed(2)} × (target ≤ ${target})${ratio <= target ? "" : "  ABOVE TARGET"}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-bench-"));
const out = path.join(tmp, "out");
const plan = (stack: string, configDir = PROJECT_ROOT) => [
  "-r",
  "@swc-node/register",
  "scripts/plan.ts",
  "--stack",
  stack,
  "--config-dir",
  configDir,
  "--out",
  out,
];

console.log(`atlas-access bench on ${os.cpus().length} cores, Node ${process.version}`);
const floor = measure("floor: import the Pulumi SDKs", [
  "-e",
  SDKS.map((s) => `require(${JSON.stringify(s)})`).join(";"),
]);
// The committed stacks by name: a draft stack file beside them is not what the targets are about.
for (const stack of ["staging", "prod"]) {
  const t = measure(`plan --stack ${stack}`, plan(stack));
  console.log(`${"".padEnd(36)} ${verdict(t / floor, 1.5)} the floor`);
}

// Staging with N open previews: the same file with only the preview list (and its maximum) changed.
const staging = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8");
function withPreviews(n: number): string {
  const doc = parse(staging) as { config: Record<string, Record<string, unknown>> };
  const previews = doc.config["atlas-access:previews"] as Record<string, unknown>;
  previews.pullRequests = Array.from({ length: n }, (_, i) => 1000 + i);
  previews.closing = [];
  previews.maxPreviews = Math.max(n, Number(previews.maxPreviews));
  return stringify(doc);
}
// Each in its own folder: two copies of staging side by side would conflict in the cross-stack rules.
const folderWith = (n: number) => {
  const dir = path.join(tmp, `previews-${n}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), withPreviews(n));
  return dir;
};
const runsAtScale = Number(process.env.BENCH_PREVIEW_RUNS ?? 3);
const one = measure("plan staging, 1 preview", plan("staging", folderWith(1)), runsAtScale);
const many = measure("plan staging, 500 previews", plan("staging", folderWith(500)), runsAtScale);
console.log(`${"".padEnd(36)} ${verdict(many / one, 2)} the 1-preview plan`);
fs.rmSync(tmp, { recursive: true, force: true });
