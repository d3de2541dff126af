/**
 * The planner against a model of GitHub, the cluster, the operator, Atlas and the stack's state (`fixtures/world.ts`):
 * the four invariants over random interleavings of pull request events and runs that succeed, fail half-way, are
 * cancelled or killed (property tests), then the sequences the design was built for (examples).
 */
import fc from "fast-check";
import { type Action, CLEAN_RUN, actions, play, reconcileOnce } from "./fixtures/runs";
import { World } from "./fixtures/world";
import { describePlan, planPreviews } from "./plan";

const open = (pr: number): Action => ({ kind: "event", pr, open: true });
const close = (pr: number): Action => ({ kind: "event", pr, open: false });
const run = (extra: Partial<Extract<Action, { kind: "run" }>> = {}): Action => ({ kind: "run", during: [], ...extra });

describe("invariants over random interleavings (fast-check)", () => {
  it("(a) no namespace leaves the watch list while its user exists, (b) no open pull request's user is deleted, (d) never more preview users than maxPreviews; (c) after a clean run no closed pull request keeps anything", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), actions, (max, acts) => {
        const world = new World(max);
        // Whatever happened, a person's refresh (only needed after a killed update) and one clean run converge.
        const problems = play(world, [...acts, { kind: "refresh" }, CLEAN_RUN]);
        expect(problems).toEqual([]);
        expect(world.peakAtlasUsers).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });

  it("a plan never retires an open pull request, never exceeds maxPreviews in any phase, and keeps every retiring namespace watched", () => {
    const numbers = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 });
    fc.assert(
      fc.property(numbers, numbers, numbers, fc.integer({ min: 1, max: 12 }), (openPrs, users, watched, max) => {
        fc.pre(users.length <= max);
        const plan = planPreviews({ open: openPrs, deployed: { users, watched, pending: [] }, maxPreviews: max });
        expect(plan.refused).toBeUndefined();
        expect(plan.retired.filter((n) => openPrs.includes(n))).toEqual([]);
        expect(plan.retired).toEqual(users.filter((n) => !openPrs.includes(n)).sort((a, b) => a - b));
        for (const p of plan.phases) expect(p.open.length + p.closing.length).toBeLessThanOrEqual(max);
        // Each user that is deleted is deleted in a phase that still watches its namespace.
        const first = plan.phases[0];
        if (plan.retired.length > 0) expect(first?.closing).toEqual(plan.retired);
        expect(plan.phases.at(-1)?.closing).toEqual([]);
        // Every open pull request that has a user keeps it in every phase.
        for (const p of plan.phases) expect(plan.kept.every((n) => p.open.includes(n))).toBe(true);
      }),
    );
  });

  it("the model can fail: a planner that drops a closed preview in one update breaks (a)", () => {
    const world = new World(3);
    play(world, [open(1), CLEAN_RUN, close(1)]);
    // One update that deletes the user and unwatches the namespace at once, as a bare `pulumi up` would.
    world.update({ name: "apply", open: [], closing: [] }, new Set());
    expect(world.violations).toEqual(["(a) pr-1 left the watch list while its AtlasDatabaseUser still existed"]);
    // The user's finalizer stays, the Atlas user too, and the update fails waiting for the deletion.
    expect([world.atlas.has(1), world.cluster.users.get(1), world.state.users.has(1)]).toEqual([
      true,
      "deleting",
      true,
    ]);
  });

  it("the model can fail: a phase that deletes an open pull request's user or exceeds maxPreviews is reported", () => {
    const world = new World(1);
    play(world, [open(1), open(2), CLEAN_RUN]);
    world.update({ name: "apply", open: [2], closing: [1] }, new Set([1, 2]));
    expect(world.violations).toEqual([
      "(d) 2 preview users in Atlas, maxPreviews is 1",
      "(b) the user of open pull request #1 was deleted",
    ]);
  });
});

describe("example sequences", () => {
  it("open, then close: the user goes in a first update while pr-N is watched, the namespace in a second", () => {
    const world = new World(5);
    expect(play(world, [open(42), CLEAN_RUN])).toEqual([]);
    expect([...world.atlas]).toEqual([42]);
    world.event(42, false);
    const { succeeded, plan } = reconcileOnce(world, { kind: "run", during: [] });
    expect(succeeded).toBe(true);
    expect(plan.phases).toEqual([
      { name: "retire", open: [], closing: [42] },
      { name: "apply", open: [], closing: [] },
    ]);
    expect([world.atlas.size, world.cluster.namespaces.size, world.cluster.watched.size]).toEqual([0, 0, 0]);
    expect(world.violations).toEqual([]);
  });

  it("merge and close at once: both users retire in one update, the open preview is untouched", () => {
    const world = new World(5);
    play(world, [open(1), open(2), open(3), CLEAN_RUN, close(1), close(2)]);
    const { plan } = reconcileOnce(world, { kind: "run", during: [] });
    expect(plan.phases).toEqual([
      { name: "retire", open: [3], closing: [1, 2] },
      { name: "apply", open: [3], closing: [] },
    ]);
    expect([[...world.atlas], [...world.cluster.watched], world.violations]).toEqual([[3], [3], []]);
  });

  it("close during a deploy: the running deploy keeps the user (it read an open pull request), the next run retires it", () => {
    const world = new World(5);
    play(world, [open(5), CLEAN_RUN]);
    expect(play(world, [run({ during: [{ pr: 5, open: false }] })])).toEqual([]);
    expect([...world.atlas]).toEqual([5]);
    expect(play(world, [CLEAN_RUN])).toEqual([]);
    expect([world.atlas.size, world.cluster.watched.size]).toEqual([0, 0]);
  });

  it("re-open of a closing preview: the user was deleted but the namespace still watched; it gets a user again", () => {
    const world = new World(5);
    // The retire update succeeds, the apply update fails: pr-7 is watched, with no user.
    play(world, [open(7), CLEAN_RUN, close(7), run({ stop: { phase: 1, step: 0, how: "fail" } })]);
    expect([world.atlas.has(7), world.cluster.watched.has(7), world.deployed()]).toEqual([
      false,
      true,
      { users: [], watched: [7], pending: [] },
    ]);
    world.event(7, true);
    const { plan } = reconcileOnce(world, { kind: "run", during: [] });
    expect(plan.phases).toEqual([{ name: "apply", open: [7], closing: [] }]);
    expect([[...world.atlas], world.violations]).toEqual([[7], []]);
  });

  it("a retire update that fails half-way is retried by the next run; nothing is lost", () => {
    const world = new World(5);
    play(world, [open(3), open(4), CLEAN_RUN, close(4), run({ stop: { phase: 0, step: 0, how: "fail" } })]);
    expect([...world.deployed().users].sort()).toEqual([3, 4]);
    expect(play(world, [CLEAN_RUN])).toEqual([]);
    expect([...world.atlas]).toEqual([3]);
  });

  it("a killed update leaves pending operations: runs refuse until a person refreshes the state", () => {
    const world = new World(5);
    play(world, [open(9), run({ stop: { phase: 0, step: 2, how: "kill" } })]);
    expect(world.deployed().pending).toEqual(["AtlasDatabaseUser pr-9"]);
    const refused = reconcileOnce(world, { kind: "run", during: [] });
    expect([refused.succeeded, refused.plan.phases, refused.plan.refused]).toEqual([
      false,
      [],
      `the stack's state has pending operations on previews from an interrupted update (AtlasDatabaseUser pr-9); nothing is changed until a person resolves them (README, "When a run fails")`,
    ]);
    expect(play(world, [{ kind: "refresh" }, CLEAN_RUN])).toEqual([]);
  });

  it("at maxPreviews, retiring users make room only once they are gone", () => {
    const world = new World(2);
    play(world, [open(1), open(2), open(3), CLEAN_RUN]);
    expect([...world.atlas].sort()).toEqual([1, 2]);
    world.event(1, false);
    const { plan } = reconcileOnce(world, { kind: "run", during: [] });
    expect([plan.phases, plan.opened, plan.deferred]).toEqual([
      [
        { name: "retire", open: [2], closing: [1] },
        { name: "apply", open: [2, 3], closing: [] },
      ],
      [3],
      [],
    ]);
    expect([world.peakAtlasUsers, [...world.atlas].sort(), world.violations]).toEqual([2, [2, 3], []]);
  });
});

describe("describePlan", () => {
  it("prints what each phase sets and does", () => {
    const plan = planPreviews({
      open: [3, 8],
      deployed: { users: [3, 5], watched: [3, 5, 6], pending: [] },
      maxPreviews: 5,
    });
    expect(describePlan(plan)).toEqual([
      "open pull requests keeping their preview: #3",
      "new previews: #8",
      "previews to retire (user deleted while still watched): #5",
      "namespaces leaving the watch list: #5, #6",
      "phase 1/2 retire: pulumi preview --policy-pack, then pulumi up with previewList open=[3,8] closing=[5]",
      "phase 2/2 apply: pulumi preview --policy-pack, then pulumi up with previewList open=[3,8] closing=[]",
    ]);
  });

  it("says why a plan is refused and lists deferred pull requests", () => {
    const plan = planPreviews({
      open: [1, 2, 3],
      deployed: { users: [1, 2, 4], watched: [], pending: [] },
      maxPreviews: 2,
    });
    expect(describePlan(plan)).toEqual([
      "open pull requests keeping their preview: #1, #2",
      "new previews: none",
      "previews to retire (user deleted while still watched): none",
      "namespaces leaving the watch list: none",
      "deferred (maxPreviews reached): #3",
      "REFUSED: 3 preview users exist (2 open, 1 to retire) but maxPreviews is 2; raise maxPreviews to at least 3 until they are retired",
    ]);
  });
});
