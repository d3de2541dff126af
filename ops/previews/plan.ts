/**
 * The preview planner: from the open pull requests (the truth, read from GitHub) and what the stack's state says is
 * deployed, the updates (phases) one reconcile run makes. Pure, so that its invariants are proven over random
 * interleavings of events and failed runs (`plan.test.ts`). Every run recomputes from the truth, so a run that fails
 * or never happens loses nothing: the next one does its work.
 *
 * The rules, for a pull request N:
 * - a user is deleted only while `pr-N` is still watched: a retiring N stays in `closing` (watched, no user) during the
 *   update that deletes its user, and leaves the watch list only in a later update, once the state no longer records
 *   its user (Pulumi drops a resource from the state only after its deletion succeeded, i.e. after the operator
 *   removed its finalizer and the Atlas user);
 * - the user of an open pull request is never deleted;
 * - at no moment of an update do more preview users exist than `maxPreviews` (an update creates before it deletes);
 * - an interrupted update (pending operations in the state) stops everything until a person resolves it.
 */

export interface DeployedPreviews {
  /** Pull requests whose `AtlasDatabaseUser` the stack's state records, or has a pending operation on: it may exist. */
  users: readonly number[];
  /** Pull requests whose namespace the operator release watches, as the state records it. */
  watched: readonly number[];
  /** Pending operations on preview resources left by an interrupted update (`<type> <urn>`). */
  pending: readonly string[];
}

export interface PlanInput {
  /** Open pull requests that should have a preview (same repository, label if configured). */
  open: readonly number[];
  deployed: DeployedPreviews;
  /** At most this many previews hold an Atlas user at any moment. */
  maxPreviews: number;
}

/** One `pulumi up` with `atlas-access:previewList` set to `{ open, closing }`. */
export interface Phase {
  /** `retire`: delete users while their namespaces stay watched. `apply`: the steady state. */
  name: "retire" | "apply";
  open: number[];
  closing: number[];
}

export interface PreviewPlan {
  /** The updates, in order; each runs only if the previous one succeeded. Empty when refused. */
  phases: Phase[];
  /** Open pull requests that keep their preview. */
  kept: number[];
  /** Open pull requests that get a preview in this run. */
  opened: number[];
  /** Pull requests whose user this run deletes (no longer open). */
  retired: number[];
  /** Pull requests whose namespace leaves the watch list in this run. */
  dropped: number[];
  /** Open pull requests left without a preview: `maxPreviews` is reached. */
  deferred: number[];
  /** Why nothing may run, when something must be resolved by a person first. */
  refused?: string;
}

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

export function planPreviews(input: PlanInput): PreviewPlan {
  const users = new Set(input.deployed.users);
  const open = new Set(input.open);
  const kept = sorted([...open].filter((n) => users.has(n)));
  const retired = sorted([...users].filter((n) => !open.has(n)));
  const fresh = sorted([...open].filter((n) => !users.has(n)));
  const none = { phases: [], kept, opened: [], retired: [], dropped: [], deferred: fresh };
  if (input.deployed.pending.length > 0) {
    return {
      ...none,
      retired: [],
      refused: `the stack's state has pending operations on previews from an interrupted update (${input.deployed.pending.join("; ")}); nothing is changed until a person resolves them (README, "When a run fails")`,
    };
  }
  if (kept.length + retired.length > input.maxPreviews) {
    return {
      ...none,
      retired: [],
      refused: `${kept.length + retired.length} preview users exist (${kept.length} open, ${retired.length} to retire) but maxPreviews is ${input.maxPreviews}; raise maxPreviews to at least ${kept.length + retired.length} until they are retired`,
    };
  }
  const phases: Phase[] = [];
  if (retired.length > 0) {
    // While the retiring users still exist, only the room they leave may be filled.
    const room = input.maxPreviews - kept.length - retired.length;
    phases.push({ name: "retire", open: sorted([...kept, ...fresh.slice(0, room)]), closing: retired });
  }
  const room = input.maxPreviews - kept.length;
  const opened = fresh.slice(0, room);
  const final = sorted([...kept, ...opened]);
  phases.push({ name: "apply", open: final, closing: [] });
  const finalSet = new Set(final);
  return {
    phases,
    kept,
    opened,
    retired,
    dropped: sorted([...input.deployed.watched, ...retired].filter((n) => !finalSet.has(n))),
    deferred: fresh.slice(room),
  };
}

/** The plan as lines for a person: what each phase sets and what it does. */
export function describePlan(plan: PreviewPlan): string[] {
  const list = (xs: readonly number[]) => (xs.length === 0 ? "none" : xs.map((n) => `#${n}`).join(", "));
  const lines = [
    `open pull requests keeping their preview: ${list(plan.kept)}`,
    `new previews: ${list(plan.opened)}`,
    `previews to retire (user deleted while still watched): ${list(plan.retired)}`,
    `namespaces leaving the watch list: ${list(plan.dropped)}`,
  ];
  if (plan.deferred.length > 0) lines.push(`deferred (maxPreviews reached): ${list(plan.deferred)}`);
  if (plan.refused) return [...lines, `REFUSED: ${plan.refused}`];
  plan.phases.forEach((p, i) => {
    lines.push(
      `phase ${i + 1}/${plan.phases.length} ${p.name}: pulumi preview --policy-pack, then pulumi up with previewList open=[${p.open.join(",")}] closing=[${p.closing.join(",")}]`,
    );
  });
  return lines;
}
