/**
 * The bench's measurements (`npm run bench`, `scripts/bench.ts`): stack files with N previews, and the marginal cost of
 * one registration, in the program and in a trivial program through the same harness and mocks (the SDK's floor).
 */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { runStack } from "./harness";
import { PROJECT_ROOT } from "./stackFiles";

/**
 * Writes `<dir>/Pulumi.staging.yaml` with `n` open previews (the list the reconcile step would set; `maxPreviews` and
 * the project's user limit raised to fit, as after MongoDB support raised it) and a copy of every peer stack file.
 */
export function writeStagingWithPreviews(dir: string, n: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const doc = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8")) as {
    config: Record<string, Record<string, unknown>>;
  };
  doc.config["atlas-access:previewList"] = { open: Array.from({ length: n }, (_, i) => 1000 + i), closing: [] };
  const previews = doc.config["atlas-access:previews"] as Record<string, unknown>;
  previews.maxPreviews = Math.max(n, Number(previews.maxPreviews));
  previews.projectDatabaseUserLimit = n + 100;
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), stringify(doc));
  fs.copyFileSync(path.join(PROJECT_ROOT, "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
}

export interface MarginalCost {
  /** CPU milliseconds per additional registration. */
  perRegistrationMs: number;
  /** Registrations added between the two runs. */
  registrations: number;
}

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** CPU time of `run` (best of `runs`, after one warm-up) and how many resources it registered. */
async function measure(run: () => Promise<number>, runs: number): Promise<{ ms: number; registrations: number }> {
  let registrations = await run();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = cpuMs();
    registrations = await run();
    best = Math.min(best, cpuMs() - start);
  }
  return { ms: best, registrations };
}

const marginal = (a: { ms: number; registrations: number }, b: { ms: number; registrations: number }) => ({
  perRegistrationMs: (b.ms - a.ms) / (b.registrations - a.registrations),
  registrations: b.registrations - a.registrations,
});

/** The program's marginal cost per registration from 1 to `n` previews (stack files in `dir/<n>/`). */
export async function programMarginal(dir: string, n: number, runs: number): Promise<MarginalCost> {
  const run = (k: number) => async () =>
    (await runStack({ stack: "staging", configDir: path.join(dir, String(k)) })).registrations.length;
  return marginal(await measure(run(1), runs), await measure(run(n), runs));
}

/** Runs `fn` with `process.env[name]` set to `value`, restored after. */
async function withEnv<T>(name: string, value: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = before;
  }
}

/** A fixture program of this folder, run through the same harness (its config: the demo program's stack file). */
const fixtureRun = async (program: string) =>
  (
    await runStack({
      stack: "demo",
      configDir: path.join(__dirname, "fixtures", "demo-program"),
      programDir: path.join(__dirname, "fixtures", program),
    })
  ).registrations.length;

/**
 * The SDK's own marginal cost for the very objects the program registers from 1 to `n` previews: both plans'
 * registrations (type, name, inputs), registered again bare by the replay program (no component, no dependency, no
 * program code). The program's cost over this is what its own code adds.
 */
export async function replayMarginal(dir: string, n: number, runs: number): Promise<MarginalCost> {
  const file = (k: number) => path.join(dir, `replay-${k}.json`);
  // One more run of each plan rather than keeping programMarginal's: a retained plan would be live heap (garbage
  // collection work) while the other runs are measured.
  for (const k of [1, n]) {
    const { registrations } = await runStack({ stack: "staging", configDir: path.join(dir, String(k)) });
    const bare = registrations.filter((r) => r.custom).map(({ type, name, inputs }) => ({ type, name, inputs }));
    fs.writeFileSync(file(k), JSON.stringify(bare));
  }
  const run = (k: number) => () => withEnv("BENCH_REPLAY_FILE", file(k), () => fixtureRun("replay-program"));
  return marginal(await measure(run(1), runs), await measure(run(n), runs));
}

/** The SDK's own marginal cost per trivial registration (a `RandomId` with one input) from 1 to `n` resources. */
export async function trivialMarginal(n: number, runs: number): Promise<MarginalCost> {
  const run = (k: number) => () => withEnv("BENCH_TRIVIAL_RESOURCES", String(k), () => fixtureRun("trivial-program"));
  return marginal(await measure(run(1), runs), await measure(run(n), runs));
}
