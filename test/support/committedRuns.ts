/**
 * The real program's run of a committed stack file, unchanged: many test files read it and none changes it, so a
 * jest worker runs each stack once and hands every test file the same result (jest-light-runner shares modules
 * between the test files of a worker). The result is frozen, all the way down: a test that tried to change what
 * another test reads throws instead. Tests that edit the config, or prove the harness itself, call `runStack`.
 */
import { type RunResult, runStack } from "../../offline/harness";

const runs = new Map<string, Promise<RunResult>>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `runStack({ stack })` of `Pulumi.<stack>.yaml` at the repository root, once per worker, frozen. */
export function committedRun(stack: string): Promise<RunResult> {
  let run = runs.get(stack);
  if (!run) {
    // Runs are sequential (the mock monitor is process-global): the next one starts after the last one settled.
    const previous = Promise.all(runs.values()).catch(() => undefined);
    run = previous.then(() => runStack({ stack })).then(deepFreeze);
    runs.set(stack, run);
  }
  return run;
}
