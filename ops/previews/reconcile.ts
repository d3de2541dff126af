/**
 * One reconcile run: read the open pull requests and the stack's state, plan, then run each phase (policy preview,
 * then update) until one fails. The same run for every trigger; it is idempotent, so a cancelled or failed run loses
 * nothing. The Pulumi side is behind {@link StackDriver} (the Automation API in `automation.ts`; fakes in tests).
 */
import type { Phase, PreviewPlan } from "./plan";
import { describePlan, planPreviews } from "./plan";
import { type ExportedDeployment, deployedPreviews } from "./state";

export interface StackDriver {
  /** The stack's state (`pulumi stack export`). */
  exportState(): Promise<ExportedDeployment>;
  /**
   * Sets `atlas-access:previewList` to the phase's lists for this run, runs `pulumi preview` with the policy pack
   * (mandatory policies stop it before any change), then `pulumi up`. Throws when either fails.
   */
  apply(phase: Phase): Promise<void>;
  /** Removes `atlas-access:previewList` from the local stack file again: it is never committed. */
  clear(): Promise<void>;
}

export interface ReconcileOptions {
  /** The open pull requests that should have a preview (already selected: same repository, label). */
  openPullRequests: () => Promise<number[]>;
  /** Where the deployed previews are read; `apply` is only called when not a dry run. */
  driver: Pick<StackDriver, "exportState"> & Partial<StackDriver>;
  maxPreviews: number;
  /** Print the phases, change nothing. */
  dryRun: boolean;
  log: (line: string) => void;
}

export interface ReconcileResult {
  plan: PreviewPlan;
  /** Phases that completed. */
  applied: number;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const [open, state] = await Promise.all([options.openPullRequests(), options.driver.exportState()]);
  const deployed = deployedPreviews(state);
  const plan = planPreviews({ open, deployed, maxPreviews: options.maxPreviews });
  options.log(
    `open pull requests: ${open.length === 0 ? "none" : open.map((n) => `#${n}`).join(", ")}; deployed users: ${deployed.users.length === 0 ? "none" : deployed.users.map((n) => `#${n}`).join(", ")}; watched: ${deployed.watched.length === 0 ? "none" : deployed.watched.map((n) => `#${n}`).join(", ")}`,
  );
  for (const line of describePlan(plan)) options.log(line);
  if (plan.refused) throw new ReconcileError(plan.refused, { plan, applied: 0 });
  if (options.dryRun) {
    options.log("dry run: nothing changed");
    return { plan, applied: 0 };
  }
  const { apply, clear } = options.driver;
  if (!apply || !clear) throw new Error("reconcile: applying phases needs a driver with apply and clear");
  let applied = 0;
  try {
    for (const [i, phase] of plan.phases.entries()) {
      options.log(`phase ${i + 1}/${plan.phases.length} ${phase.name}: running`);
      try {
        await apply(phase);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new ReconcileError(
          `phase ${i + 1}/${plan.phases.length} ${phase.name} failed; later phases did not run, the next run resumes from the state: ${why}`,
          { plan, applied },
        );
      }
      applied++;
      options.log(`phase ${i + 1}/${plan.phases.length} ${phase.name}: done`);
    }
  } finally {
    await clear();
  }
  return { plan, applied };
}

/** A run that stopped: what was planned and how many phases completed. */
export class ReconcileError extends Error {
  constructor(
    message: string,
    readonly result: ReconcileResult,
  ) {
    super(message);
    this.name = "ReconcileError";
  }
}
