/** A reconcile run with a fake Pulumi side: phases in order, a failing phase stops the run, the list is always cleared. */
import * as fs from "fs";
import * as path from "path";
import type { Phase } from "./plan";
import { ReconcileError, reconcile } from "./reconcile";
import type { ExportedDeployment } from "./state";

const state = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "state-failed-retire.json"), "utf8"),
) as ExportedDeployment;

function fakeDriver(failOn?: Phase["name"]) {
  const calls: string[] = [];
  return {
    calls,
    driver: {
      exportState: async () => state,
      apply: async (phase: Phase) => {
        calls.push(`apply ${phase.name} open=[${phase.open}] closing=[${phase.closing}]`);
        if (phase.name === failOn) throw new Error("update failed: timed out waiting for pr-7/pr-7 to be deleted");
      },
      clear: async () => {
        calls.push("clear");
      },
    },
  };
}

const run = (driver: ReturnType<typeof fakeDriver>["driver"], dryRun = false) => {
  const lines: string[] = [];
  const result = reconcile({
    openPullRequests: async () => [12, 18],
    driver,
    maxPreviews: 20,
    dryRun,
    log: (l) => lines.push(l),
  });
  return { result, lines };
};

describe("reconcile", () => {
  it("runs the retire phase, then the apply phase, then removes the list from the stack file", async () => {
    const fake = fakeDriver();
    const { result, lines } = run(fake.driver);
    expect((await result).applied).toBe(2);
    expect(fake.calls).toEqual([
      "apply retire open=[12,18] closing=[7]",
      "apply apply open=[12,18] closing=[]",
      "clear",
    ]);
    expect(lines.slice(-4)).toEqual([
      "phase 1/2 retire: running",
      "phase 1/2 retire: done",
      "phase 2/2 apply: running",
      "phase 2/2 apply: done",
    ]);
  });

  it("stops at a failing phase: the namespace stays watched, the next run resumes from the state", async () => {
    const fake = fakeDriver("retire");
    const error = await run(fake.driver).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconcileError);
    expect((error as ReconcileError).message).toBe(
      "phase 1/2 retire failed; later phases did not run, the next run resumes from the state: update failed: timed out waiting for pr-7/pr-7 to be deleted",
    );
    expect((error as ReconcileError).result.applied).toBe(0);
    expect(fake.calls).toEqual(["apply retire open=[12,18] closing=[7]", "clear"]);
  });

  it("a dry run reads and plans but changes nothing", async () => {
    const fake = fakeDriver();
    const { result, lines } = run(fake.driver, true);
    expect((await result).applied).toBe(0);
    expect(fake.calls).toEqual([]);
    expect(lines.at(-1)).toBe("dry run: nothing changed");
  });

  it("refuses to run while the state has pending operations", async () => {
    const fake = fakeDriver();
    const pending: ExportedDeployment = {
      deployment: {
        ...state.deployment,
        pending_operations: [
          {
            type: "deleting",
            resource: {
              urn: "urn:x::pr-7-user",
              type: "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser",
              inputs: { metadata: { namespace: "pr-7" } },
            },
          },
        ],
      },
    };
    const error = await reconcile({
      openPullRequests: async () => [12],
      driver: { ...fake.driver, exportState: async () => pending },
      maxPreviews: 20,
      dryRun: false,
      log: () => undefined,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `the stack's state has pending operations on previews from an interrupted update (deleting urn:x::pr-7-user); nothing is changed until a person resolves them (README, "When a run fails")`,
    );
    expect(fake.calls).toEqual([]);
  });
});
