/**
 * The offline plan's cost at 1 and at 500 previews (issue 7, target: 500 costs at most 2× the time of 1).
 * Runs the real program on the staging stack under mocks, in this process, one run at a time: one warm-up run
 * (module loading, JIT), then the median of `runs` runs of each size. One 500-preview run takes tens of seconds.
 */
import { runStack } from "./harness";

export interface PreviewBench {
  /** Median wall time of one offline run with 1 preview, seconds. */
  oneSeconds: number;
  /** Median wall time of one offline run with 500 previews, seconds. */
  fiveHundredSeconds: number;
  /** fiveHundredSeconds / oneSeconds. */
  ratio: number;
  /** Registrations of each run (shows what the time buys). */
  registrations: { one: number; fiveHundred: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function timeRun(previews: number): Promise<{ seconds: number; registrations: number }> {
  const start = process.hrtime.bigint();
  const run = await runStack({
    stack: "staging",
    mutateConfig: (cfg) => {
      const p = cfg.previews as Record<string, unknown>;
      p.pullRequests = Array.from({ length: previews }, (_, i) => i + 1);
      p.closing = [];
      p.maxPreviews = Math.max(previews, Number(p.maxPreviews));
    },
  });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, registrations: run.registrations.length };
}

/** Measures the plan with 1 and with 500 previews. */
export async function benchPreviews(runs = Number(process.env.BENCH_PREVIEW_RUNS ?? 1)): Promise<PreviewBench> {
  await timeRun(1); // warm-up: module loading and JIT are not part of the per-preview cost
  const sample = async (n: number) => {
    const results: { seconds: number; registrations: number }[] = [];
    for (let i = 0; i < runs; i++) results.push(await timeRun(n));
    return { seconds: median(results.map((r) => r.seconds)), registrations: results[0]?.registrations ?? 0 };
  };
  const one = await sample(1);
  const many = await sample(500);
  return {
    oneSeconds: one.seconds,
    fiveHundredSeconds: many.seconds,
    ratio: many.seconds / one.seconds,
    registrations: { one: one.registrations, fiveHundred: many.registrations },
  };
}
