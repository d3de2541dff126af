/**
 * The bench's floors measure what they claim: the replay program registers the very objects of a real plan (same
 * type, name and inputs, secrets still secret), bare.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { committedRun } from "../test/support/committedRuns";
import { runStack } from "./harness";
import { redactSecrets } from "./registrations";

describe("the replay program (the bench's floor for the program's own objects)", () => {
  it("registers every custom resource of the staging plan again, same type, name and inputs, no parent or dependency", async () => {
    const plan = (await committedRun("staging")).registrations.filter((r) => r.custom);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-replay-")), "replay.json");
    fs.writeFileSync(file, JSON.stringify(plan.map(({ type, name, inputs }) => ({ type, name, inputs }))));
    process.env.BENCH_REPLAY_FILE = file;
    try {
      const replayed = await runStack({
        stack: "demo",
        configDir: path.join(__dirname, "fixtures", "demo-program"),
        programDir: path.join(__dirname, "fixtures", "replay-program"),
      });
      // The same objects; the order the monitor sees them in is the SDK's (it serializes each asynchronously).
      const objects = (regs: typeof plan) =>
        regs.map(({ type, name, inputs }) => ({ type, name, inputs })).sort((a, b) => a.name.localeCompare(b.name));
      expect(objects(replayed.registrations)).toEqual(objects(plan));
      expect(replayed.registrations.filter((r) => r.parent !== null || r.dependsOn.length > 0)).toEqual([]);
      // The comparison covers secrets: both sides carry them as secret envelopes, which `toEqual` compares.
      expect(plan.filter((r) => JSON.stringify(redactSecrets(r.inputs)).includes('"[secret]"')).length).toBeGreaterThan(
        0,
      );
    } finally {
      Reflect.deleteProperty(process.env, "BENCH_REPLAY_FILE");
    }
  });
});
