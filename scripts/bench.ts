/**
 * `npm run bench`:
 * - wall time of `npm run plan`'s process per stack, against a floor (a bare Node process importing the Pulumi SDKs),
 *   target ≤ 1.5 × the floor; and of staging with 1 and with 500 open previews, target 500 ≤ 2 × 1;
 * - CPU time per registration added from 1 to 500 previews, against the SDK's own cost of registering a trivial
 *   resource under the same harness and mocks (measured in the same run), target ≤ 1.5 ×; and, to show where the
 *   difference goes, against the same objects registered bare (no program code, no component, no dependency).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { programMarginal, replayMarginal, trivialMarginal, writeStagingWithPreviews } from "../offline/bench";
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

/**
 * Median wall time of each command, measured round-robin (one run of each per round) so that the machine's drift over
 * the minutes of a bench weighs on all of them alike instead of on whichever ran last.
 */
function measureTogether(cases: [label: string, args: string[]][], runs = RUNS): number[] {
  for (const [, args] of cases) time(args); // warm the file-system cache
  const times: number[][] = cases.map(() => []);
  for (let round = 0; round < runs; round++) cases.forEach(([, args], i) => times[i]?.push(time(args)));
  return cases.map(([label], i) => {
    const m = median(times[i] ?? []);
    console.log(`${label.padEnd(36)} ${m.toFixed(2)} s (median of ${runs}, round-robin)`);
    return m;
  });
}

const verdict = (ratio: number, target: number) =>
  `${ratio.toFixed(2)} × (target ≤ ${target})${ratio <= target ? "" : "  ABOVE TARGET"}`;

async function main(): Promise<void> {
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
  console.log(
    `atlas-access bench on ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
  );
  // The committed stacks by name: a draft stack file beside them is not what the targets are about.
  const [floor = NaN, staging = NaN, prod = NaN] = measureTogether([
    ["floor: import the Pulumi SDKs", ["-e", SDKS.map((s) => `require(${JSON.stringify(s)})`).join(";")]],
    ["plan --stack staging", plan("staging")],
    ["plan --stack prod", plan("prod")],
  ]);
  for (const [stack, t] of [
    ["staging", staging],
    ["prod", prod],
  ] as const) {
    console.log(`${"".padEnd(36)} ${verdict(t / floor, 1.5)} the floor (${stack})`);
  }

  for (const n of [1, 500]) writeStagingWithPreviews(path.join(tmp, String(n)), n);
  const runsAtScale = Number(process.env.BENCH_PREVIEW_RUNS ?? 3);
  const [one = NaN, many = NaN] = measureTogether(
    [
      ["plan staging, 1 preview", plan("staging", path.join(tmp, "1"))],
      ["plan staging, 500 previews", plan("staging", path.join(tmp, "500"))],
    ],
    runsAtScale,
  );
  console.log(`${"".padEnd(36)} ${verdict(many / one, 2)} the 1-preview plan`);

  const program = await programMarginal(tmp, 500, runsAtScale);
  const replay = await replayMarginal(tmp, 500, runsAtScale);
  const trivial = await trivialMarginal(program.registrations + 1, runsAtScale);
  const line = (label: string, m: { perRegistrationMs: number; registrations: number }) =>
    console.log(`${label.padEnd(36)} ${m.perRegistrationMs.toFixed(3)} ms (${m.registrations} registrations)`);
  line("CPU per registration, 1→500 previews", program);
  line("CPU per trivial registration (SDK)", trivial);
  console.log(
    `${"".padEnd(36)} ${verdict(program.perRegistrationMs / trivial.perRegistrationMs, 1.5)} the SDK's own cost`,
  );
  // Where the rest goes: the same objects registered bare (no program code) against the trivial resource.
  line("CPU per same object, registered bare", replay);
  console.log(
    `${"".padEnd(36)} the objects: ${(replay.perRegistrationMs / trivial.perRegistrationMs).toFixed(2)} × a trivial one; ` +
      `the program's code: ${(program.perRegistrationMs / replay.perRegistrationMs).toFixed(2)} × the bare objects`,
  );
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
