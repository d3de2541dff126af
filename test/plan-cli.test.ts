/**
 * The plan's command line: as a user runs it (a child process, for what only a real process shows: its exit code, the
 * files, determinism) and in-process through `main` with its output captured (exit codes, flags, usage errors, JSON,
 * colour, several stacks, the strict stack file and the cross-stack rules through the real program).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { SECURE_PLACEHOLDER } from "../config/stackFiles";
import { groupByComponent } from "../offline/plan";
import { USAGE, main } from "../offline/planCli";
import { makeStyle, useColour } from "../offline/planTerminal";
import { registration } from "../offline/registrations";
import { PROJECT_ROOT } from "../offline/stackFiles";
import { readTree } from "./support/files";

const exec = promisify(execFile);

/** Runs `npm run plan`'s command as a child process, as a user would. */
async function runPlan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["-r", "@swc-node/register", "scripts/plan.ts", ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs `main` in this process with its output captured; `tty` makes stdout a terminal. */
async function runMain(argv: string[], env: NodeJS.ProcessEnv = {}, tty = false) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: tty },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  };
  const code = await main(argv, { io });
  return { code, stdout, stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-plan-"));
const stackText = (stack: string) => fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8");
/** A config folder holding the committed stack files, edited, plus `extra` files. */
function configDir(edit: Record<string, (text: string) => string> = {}, extra: Record<string, string> = {}): string {
  const dir = tmp();
  for (const stack of ["staging", "prod"]) {
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), (edit[stack] ?? ((t) => t))(stackText(stack)));
  }
  for (const [stack, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

describe("npm run plan (child process)", () => {
  it("plans staging: exit 0, the matrix first, deterministic files with no secret", async () => {
    const [outA, outB] = [tmp(), tmp()];
    const a = await runPlan(["--stack", "staging", "--out", outA]);
    // A second run (in this process: the same code, and a child process fewer) writes the same files.
    expect((await runMain(["--stack", "staging", "--out", outB, "--quiet"])).code).toBe(0);
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    const lines = a.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "atlas-access offline plan: stack staging (environment staging)",
      "",
      "Who can reach what: 7 path(s) from 7 principal(s) through 5 Atlas user(s)",
      expect.stringMatching(/^ {2}PRINCIPAL +VIA +syrf_staging +ws syrf-staging-streams$/),
    ]);
    expect(a.stdout).toContain("\nGuardrails: no findings\n");
    expect(a.stdout).toMatch(/\nTotal time: \d+\.\d\d s\n$/);
    expect(a.stdout).not.toContain("\u001b[");

    const filesA = readTree(path.join(outA, "staging"));
    expect([...filesA.keys()].filter((f) => !f.includes("/")).sort()).toEqual([
      "access.json",
      "plan.json",
      "plan.md",
      "resources.json",
    ]);
    const resources = JSON.parse(filesA.get("resources.json") ?? "null") as object[];
    for (const r of resources) expect(Object.keys(r)).toEqual(["type", "name", "parent", "dependsOn", "inputs"]);
    expect(readTree(path.join(outB, "staging"))).toEqual(filesA);
    for (const [file, content] of filesA) {
      expect([file, content.includes("mock-password-")]).toEqual([file, false]);
      expect([file, content.includes(SECURE_PLACEHOLDER)]).toEqual([file, false]);
    }
  });

  it("exits with main's code: 2 on a usage error, one line on stderr and nothing on stdout", async () => {
    expect(await runPlan(["--stak", "staging"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "plan: unknown option --stak (did you mean --stack?); see npm run plan -- --help\n",
    });
  });
});

describe("npm run plan: the command line", () => {
  it("exits 2 on a bad config, names the file, line and key on stderr, and leaves no stale plan", async () => {
    // Alone in its folder: beside staging, a copy of it would also conflict with it (see the cross-stack tests).
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, "Pulumi.broken.yaml"),
      stackText("staging").replace("environment: staging", "environment: dev"),
    );
    // Its peer, which owns the account's trail the broken stack names.
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackText("prod"));
    const out = tmp();
    fs.mkdirSync(path.join(out, "broken"));
    fs.writeFileSync(path.join(out, "broken", "plan.md"), "a plan from an earlier run");
    const result = await runMain(["--stack", "broken", "--config-dir", dir, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "plan: stack broken: Invalid stack configuration (1 problem); nothing was registered:\n" +
        '  - Pulumi.broken.yaml:6: atlas-access:environment: got "dev"; must be one of: prod, staging\n',
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("--help prints the usage, which the README documents word for word", async () => {
    expect(await runMain(["--help"])).toEqual({ code: 0, stdout: USAGE, stderr: "" });
    expect(await runMain(["-h"])).toEqual({ code: 0, stdout: USAGE, stderr: "" });
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`\n${USAGE}\`\`\``);
  });

  it.each([
    [["--stak", "prod"], "unknown option --stak (did you mean --stack?)"],
    [["--verbose"], "unknown option --verbose"],
    [["--stack"], "--stack needs a value"],
    [["--out"], "--out needs a value"],
    [["prod"], 'unexpected argument "prod"'],
    [["--all", "--stack", "prod"], "--all and --stack exclude each other"],
    [["--json", "--quiet"], "--json and --quiet exclude each other"],
    [
      ["--diff", "/nonexistent/plan"],
      "--diff /nonexistent/plan: no such folder; give the out/ folder of an earlier plan",
    ],
    [["--config-dir", "/nonexistent/stacks"], "--config-dir /nonexistent/stacks: no such folder"],
  ])("%j is a usage error: exit 2, %s", async (argv, problem) => {
    expect(await runMain(argv)).toEqual({
      code: 2,
      stdout: "",
      stderr: `plan: ${problem}; see npm run plan -- --help\n`,
    });
  });

  it("an unknown stack exits 2 and names the stacks there", async () => {
    const result = await runMain(["--stack", "qa", "--config-dir", configDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^plan: stack qa: no stack "qa": .*Pulumi\.qa\.yaml does not exist; stacks here: prod, staging\n$/,
    );
  });

  it("--json prints only JSON on stdout; --quiet prints nothing; colour only on a terminal without NO_COLOR", async () => {
    const out = tmp();
    const json = await runMain(["--stack", "prod", "--json", "--out", out], {}, true);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      stacks: { stack: string; exitCode: number; plan: { counts: object } }[];
    };
    expect(report.stacks.map((s) => [s.stack, s.exitCode])).toEqual([["prod", 0]]);
    expect(report.stacks[0]?.plan.counts).toEqual({
      resources: 84,
      users: 2,
      principals: 2,
      paths: 2,
      findings: { critical: 0, high: 0, medium: 0, low: 0 },
    });
    expect(await runMain(["--stack", "prod", "--quiet", "--out", out])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(makeStyle(true).red("x")).toBe("\u001b[31mx\u001b[39m");
    expect(makeStyle(false).red("x")).toBe("x");
  });

  it("--all plans every stack file of the folder, a third one included, each against its peers", async () => {
    // A third stack that owns nothing another owns: its own GCP project, user and reader, on staging's database.
    const dev = `config:
  gcp:project: syrf-dev
  atlas-access:environment: staging
  atlas-access:atlas:
${stackText("staging").split("atlas-access:atlas:\n")[1]?.split("\n\n")[0] ?? ""}
  atlas-access:gcp:
    projectId: syrf-dev
  atlas-access:appUsers:
    - username: syrf_dev_app
      roles: [{ role: read, database: syrf_staging }]
      scopes: [syrf-shared]
      secretId: atlas-syrf-dev-app
      secretAccessor: serviceAccount:syrf-dev-api@syrf-dev.iam.gserviceaccount.com
`;
    const out = tmp();
    const result = await runMain(["--all", "--config-dir", configDir({}, { dev }), "--out", out, "--quiet"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(fs.readdirSync(out).sort()).toEqual(["dev", "prod", "staging"]);
  });

  it("refuses a typo in a namespace and a stack that conflicts with its peers, naming file and line", async () => {
    const dir = configDir({
      prod: (t) => t.replace("atlas-access:databaseAuditing:", "atlas-acess:databaseAuditing:"),
    });
    const result = await runMain(["--stack", "prod", "--config-dir", dir, "--out", tmp()]);
    const line = stackText("prod").split("\n").indexOf("  atlas-access:databaseAuditing:") + 1;
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "plan: stack prod: Invalid stack configuration (2 problems); nothing was registered:\n" +
        `  - Pulumi.prod.yaml:${line}: atlas-acess:databaseAuditing: unknown namespace "atlas-acess", so nothing reads this key; did you mean atlas-access:databaseAuditing?\n` +
        "  - Pulumi.prod.yaml:3: atlas-access:databaseAuditing: got nothing; required: no stack of Atlas project 64b7f3a1c2d4e5f6a7b8c9d0 declares it (stacks: prod, staging); the prod stack owns the project's database auditing and its alerts\n",
    );
  });

  it("names the file, line and column of a YAML syntax error", async () => {
    const dir = configDir({}, { draft: "config:\n  atlas-access:environment: [staging\n" });
    const result = await runMain(["--stack", "draft", "--config-dir", dir, "--out", tmp()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plan: stack draft: Pulumi\.draft\.yaml:3:1: /);
  });
});

describe("groupByComponent", () => {
  const reg = (type: string, name: string, parent: [string, string] | null, custom = true) =>
    registration({ type, name, custom, parent: parent?.[1] ?? null, parentType: parent?.[0] ?? null });

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
