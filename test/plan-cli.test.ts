import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { SECURE_PLACEHOLDER } from "../config/stackFiles";
import { PROJECT_ROOT } from "../offline/stackFiles";
import { groupByComponent, main } from "../offline/plan";
import type { Registration } from "../offline/registrations";
import { readTree } from "./support/files";

const exec = promisify(execFile);

/** Runs `npm run plan`'s command as a child process, as a user would. */
async function runPlan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["-r", "@swc-node/register", "scripts/plan.ts", ...args], {
      cwd: PROJECT_ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-plan-"));

describe("npm run plan (child process)", () => {
  // Each child process loads every SDK (~2 s of CPU): staging, the larger stack, is run twice for determinism;
  // prod's plan is exercised in-process by the component tests and by .ci/run.
  it.each(["staging"])("plans %s: exit 0, a summary, deterministic files with no secret", async (stack) => {
    const [outA, outB] = [tmp(), tmp()];
    const [a] = await Promise.all([
      runPlan(["--stack", stack, "--out", outA]),
      runPlan(["--stack", stack, "--out", outB]),
    ]);
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(`atlas-access offline plan: stack ${stack} (environment ${stack})`);
    expect(a.stdout).toMatch(/Guardrails: no findings/);
    expect(a.stdout).toMatch(/Total time: \d+\.\d\d s/);

    const filesA = readTree(path.join(outA, stack));
    const resources = JSON.parse(filesA.get("resources.json") ?? "null") as {
      type: string;
      name: string;
      parent: string | null;
      inputs: object;
    }[];
    expect(Array.isArray(resources)).toBe(true);
    for (const r of resources) expect(Object.keys(r)).toEqual(["type", "name", "parent", "dependsOn", "inputs"]);
    expect(readTree(path.join(outB, stack))).toEqual(filesA);
    for (const [file, content] of filesA) {
      expect([file, content.includes("mock-password-")]).toEqual([file, false]);
      expect([file, content.includes(SECURE_PLACEHOLDER)]).toEqual([file, false]);
    }
  });

  it("exits 2 on a bad config, names the key on stderr and writes nothing", async () => {
    const configDir = tmp();
    const out = tmp();
    const staging = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8");
    fs.writeFileSync(
      path.join(configDir, "Pulumi.broken.yaml"),
      staging.replace("environment: staging", "environment: dev"),
    );
    // Its peer, which owns the account's trail the broken stack names.
    fs.copyFileSync(path.join(PROJECT_ROOT, "Pulumi.prod.yaml"), path.join(configDir, "Pulumi.prod.yaml"));
    const result = await runPlan(["--stack", "broken", "--config-dir", configDir, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "plan: stack broken: Invalid stack configuration (1 problem); nothing was registered:\n" +
        '  - atlas-access:environment: got "dev"; must be one of: prod, staging\n',
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("exits 2 on an unknown stack or argument, saying what is accepted", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["--stack", "qa"])).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toContain('no stack "qa"');
      expect(String(stderr.mock.calls[0]?.[0])).toContain("stacks here: prod, staging");
      expect(await main(["--stak", "prod"])).toBe(2);
      expect(stderr.mock.calls[1]?.[0]).toBe(
        'plan: unknown argument "--stak"; usage: npm run plan -- [--stack <prod|staging>] [--config-dir <dir>] [--out <dir>]\n',
      );
    } finally {
      stderr.mockRestore();
    }
  });
});

describe("groupByComponent", () => {
  const reg = (type: string, name: string, parent: [string, string] | null, custom = true): Registration => ({
    type,
    name,
    parent: parent?.[1] ?? null,
    parentType: parent?.[0] ?? null,
    custom,
    inputs: {},
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    dependencies: [],
  });

  it("finds a parent by type and name: a resource named like a component is not its child", () => {
    const regs = [
      reg("demo:index:Box", "box", null, false),
      reg("kubernetes:core/v1:Namespace", "box", null),
      reg("random:index/randomId:RandomId", "box-id", ["demo:index:Box", "box"]),
    ];
    expect(groupByComponent(regs)).toEqual([
      "  demo:index:Box box: 1 resource",
      "      1  random:index/randomId:RandomId",
      "  (no component): 1 resource",
      "      1  kubernetes:core/v1:Namespace",
    ]);
  });
});
