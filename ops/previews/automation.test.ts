/** The Automation API driver over a fake stack: the order of calls a phase makes, and the list never left behind. */
import { type AutomationStack, automationDriver } from "./automation";

function fakeStack(failPreview = false) {
  const calls: unknown[] = [];
  const stack = {
    exportStack: async () => ({ version: 3, deployment: { resources: [] } }),
    setConfig: async (key: string, value: { value: string }) => void calls.push(["setConfig", key, value.value]),
    removeConfig: async (key: string) => void calls.push(["removeConfig", key]),
    preview: async (o: { policyPacks?: string[]; refresh?: boolean; diff?: boolean }) => {
      calls.push(["preview", o.policyPacks, o.refresh, o.diff ?? false]);
      if (failPreview) throw new Error("mandatory policy violation");
      return {};
    },
    up: async (o: { policyPacks?: string[]; refresh?: boolean; message?: string }) => {
      calls.push(["up", o.policyPacks, o.refresh, o.message]);
      return {};
    },
  } as unknown as AutomationStack; // a fake: only the methods the driver calls, returning what it reads
  return { calls, stack };
}

const options = (refresh: boolean) => ({
  stack: "staging",
  workDir: "/repo",
  policyPack: "/repo/policy",
  refresh,
  onOutput: () => undefined,
});

describe("automationDriver", () => {
  it("a phase sets the list, previews with the policy pack, then updates; clear removes the list", async () => {
    const { calls, stack } = fakeStack();
    const driver = await automationDriver(options(true), async () => stack);
    await driver.apply({ name: "retire", open: [12], closing: [7] });
    await driver.clear();
    expect(calls).toEqual([
      ["setConfig", "atlas-access:previewList", '{"open":[12],"closing":[7]}'],
      ["preview", ["/repo/policy"], true, false],
      ["up", ["/repo/policy"], true, "previews: retire open=[12] closing=[7]"],
      ["removeConfig", "atlas-access:previewList"],
    ]);
  });

  it("a policy violation in the preview stops the phase before any change", async () => {
    const { calls, stack } = fakeStack(true);
    const driver = await automationDriver(options(true), async () => stack);
    await expect(driver.apply({ name: "apply", open: [], closing: [] })).rejects.toThrow("mandatory policy violation");
    expect(calls.map((c) => (c as string[])[0])).toEqual(["setConfig", "preview"]);
  });

  it("a read-only preview does not refresh, and sets no list for a stack without previews", async () => {
    const { calls, stack } = fakeStack();
    const driver = await automationDriver(options(false), async () => stack);
    await driver.preview();
    expect(calls).toEqual([["preview", ["/repo/policy"], false, true]]);
  });

  it("says what is missing when the Pulumi CLI cannot select the stack", async () => {
    await expect(
      automationDriver(options(true), async () => {
        throw new Error("spawn pulumi ENOENT");
      }),
    ).rejects.toThrow(
      "cannot select stack staging through the Pulumi CLI (installed, logged in to the backend?); `npm run previews -- reconcile --dry-run` works without it: spawn pulumi ENOENT",
    );
  });
});
