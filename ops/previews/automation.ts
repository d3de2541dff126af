/**
 * The {@link StackDriver} of a real run: the Pulumi Automation API (`@pulumi/pulumi/automation`) over the project
 * folder, which drives the Pulumi CLI (it must be installed: the workflows install it with `pulumi/actions`). Only the
 * reconcile and preview commands load it, never a dry run.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PREVIEW_LIST_KEY } from "../../areas/operator/config";
import { PROJECT } from "../../domain/project";
import type { Phase } from "./plan";
import type { StackDriver } from "./reconcile";
import type { ExportedDeployment } from "./state";

export interface AutomationOptions {
  /** Stack name as the backend knows it (e.g. `staging`, or `organization/atlas-access/staging`). */
  stack: string;
  /** The project folder (Pulumi.yaml). */
  workDir: string;
  /** The local policy pack run by every preview and update. */
  policyPack: string;
  /**
   * Refresh before previewing and updating: only where the identity can read everything the stack holds (the deploy
   * identity can; the read-only preview identity cannot read Kubernetes Secrets).
   */
  refresh: boolean;
  onOutput: (text: string) => void;
}

/** The part of an Automation API stack the driver uses (a fake in tests). */
export type AutomationStack = Pick<
  Awaited<ReturnType<typeof LocalWorkspace.selectStack>>,
  "exportStack" | "setConfig" | "removeConfig" | "preview" | "up"
>;

const KEY = `${PROJECT}:${PREVIEW_LIST_KEY}`;

const selectStack = (options: AutomationOptions): Promise<AutomationStack> =>
  LocalWorkspace.selectStack({ stackName: options.stack, workDir: options.workDir });

export type AutomationDriver = StackDriver & { preview(phase?: Pick<Phase, "open" | "closing">): Promise<void> };

export async function automationDriver(
  options: AutomationOptions,
  select: (options: AutomationOptions) => Promise<AutomationStack> = selectStack,
): Promise<AutomationDriver> {
  let stack: AutomationStack;
  try {
    stack = await select(options);
  } catch (err) {
    throw new Error(
      `cannot select stack ${options.stack} through the Pulumi CLI (installed, logged in to the backend?); \`npm run previews -- reconcile --dry-run\` works without it: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const common = {
    policyPacks: [options.policyPack],
    refresh: options.refresh,
    color: "never" as const,
    onOutput: options.onOutput,
  };
  const setList = (phase: Pick<Phase, "open" | "closing">) =>
    stack.setConfig(KEY, { value: JSON.stringify({ open: phase.open, closing: phase.closing }) });
  return {
    exportState: async () => (await stack.exportStack()) as ExportedDeployment,
    // `up` in the Automation API passes --skip-preview: the policy pack's stack validations would run only after the
    // changes, so the preview (with the pack) runs first and stops the phase on a mandatory violation.
    apply: async (phase) => {
      await setList(phase);
      await stack.preview(common);
      await stack.up({ ...common, message: `previews: ${phase.name} open=[${phase.open}] closing=[${phase.closing}]` });
    },
    // A stack without previews (prod) has no list to set.
    preview: async (phase) => {
      if (phase) await setList(phase);
      await stack.preview({ ...common, diff: true });
    },
    clear: async () => {
      await stack.removeConfig(KEY);
    },
  };
}
