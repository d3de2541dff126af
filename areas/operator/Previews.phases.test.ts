/**
 * The two-step removal driven as the reconcile step drives it: the planner (`ops/previews/plan.ts`) reads what a run of
 * the real program deployed and plans the next phases; each phase is a run of the real program.
 */
import { planPreviews } from "../../ops/previews/plan";
import { type RunResult, runStack } from "../../offline/harness";
import { NS, T, metadataOf, ofType, valuesOf, withPreviews } from "./fixtures/registrations";

describe("the planner's phases drive the real program", () => {
  /** What the reconcile reads from the state, taken from a run's registrations. */
  const deployedOf = (r: RunResult) => ({
    users: ofType(r, T.user).map((u) => Number(metadataOf(u).namespace?.slice(3))),
    watched: (valuesOf(r).watchNamespaces as string[]).slice(1).map((n) => Number(n.slice(3))),
    pending: [],
  });

  it("open 42 → close 42: the user goes in a first update while pr-42 is watched, the namespace in a second", async () => {
    const phasesFor = (open: number[], deployed: RunResult) =>
      planPreviews({ open, deployed: deployedOf(deployed), maxPreviews: 20 }).phases;
    const apply = async (phase: { open: number[]; closing: number[] }) => {
      const r = await runStack({ stack: "staging", mutateConfig: withPreviews(phase.open, phase.closing) });
      return { r, watch: r.outputs.operatorWatchNamespaces, users: ofType(r, T.user).map((u) => u.name) };
    };
    const zero = await runStack({ stack: "staging", mutateConfig: withPreviews([]) });
    const [opening] = phasesFor([42], zero);
    expect(opening).toEqual({ name: "apply", open: [42], closing: [] });
    const opened = await apply(opening as { open: number[]; closing: number[] });
    expect([opened.watch, opened.users]).toEqual([[NS, "pr-42"], ["pr-42-user"]]);

    const closing = phasesFor([], opened.r);
    expect(closing).toEqual([
      { name: "retire", open: [], closing: [42] },
      { name: "apply", open: [], closing: [] },
    ]);
    const retired = await apply(closing[0] as { open: number[]; closing: number[] });
    expect([retired.watch, retired.users, retired.r.outputs.previewList]).toEqual([
      [NS, "pr-42"],
      [],
      { open: [], closing: [42] },
    ]);
    const dropped = await apply(closing[1] as { open: number[]; closing: number[] });
    expect([dropped.watch, dropped.users]).toEqual([[NS], []]);
  });
});
