/** `npm run previews`: the dry run from fixtures (offline), usage errors, the stuck check, the job summary. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../offline/stackFiles";
import { USAGE, main } from "./cli";

const FIXTURES = path.relative(PROJECT_ROOT, path.join(__dirname, "fixtures"));

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const code = await main(argv, {
    root: PROJECT_ROOT,
    env: { GITHUB_REPOSITORY: "camaradesuk/atlas-access", ...env },
    out: (l) => lines.push(l),
    driver: async () => {
      throw new Error("no Pulumi in this test");
    },
  });
  return { code, lines };
}

describe("npm run previews -- reconcile --dry-run", () => {
  it("prints the phases for the open pull requests of a fixture and the deployed previews of a state export", async () => {
    const { code, lines } = await cli([
      "reconcile",
      "--stack",
      "staging",
      "--dry-run",
      "--pull-requests",
      `${FIXTURES}/pull-requests.json`,
      "--state",
      `${FIXTURES}/state-failed-retire.json`,
    ]);
    expect([code, lines]).toEqual([
      0,
      [
        "open pull requests: #12, #18; deployed users: #7, #12; watched: #7, #12",
        "open pull requests keeping their preview: #12",
        "new previews: #18",
        "previews to retire (user deleted while still watched): #7",
        "namespaces leaving the watch list: #7",
        "phase 1/2 retire: pulumi preview --policy-pack, then pulumi up with previewList open=[12,18] closing=[7]",
        "phase 2/2 apply: pulumi preview --policy-pack, then pulumi up with previewList open=[12,18] closing=[]",
        "dry run: nothing changed",
      ],
    ]);
  });

  it("takes the open pull requests as numbers too, and writes the job summary", async () => {
    const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "previews-")), "summary.md");
    const { code } = await cli(
      [
        "reconcile",
        "--stack",
        "staging",
        "--dry-run",
        "--open",
        "7",
        "--state",
        `${FIXTURES}/state-failed-retire.json`,
      ],
      { GITHUB_STEP_SUMMARY: summary },
    );
    expect(code).toBe(0);
    expect(fs.readFileSync(summary, "utf8").split("\n").slice(0, 4)).toEqual([
      "### Previews of staging (dry run)",
      "",
      "open pull requests: #7; deployed users: #7, #12; watched: #7, #12  ",
      "open pull requests keeping their preview: #7  ",
    ]);
  });

  it("exits 2 on bad usage and names what is wrong", async () => {
    expect(await cli(["reconcile"])).toEqual({
      code: 2,
      lines: ["previews: reconcile needs --stack <name>; see npm run previews -- --help"],
    });
    expect((await cli(["rebuild", "--stack", "staging"])).lines).toEqual([
      'previews: unknown command "rebuild": reconcile, preview or stuck; see npm run previews -- --help',
    ]);
    expect((await cli(["stuck"])).lines).toEqual([
      "previews: stuck needs --cluster <file>; see npm run previews -- --help",
    ]);
    expect((await cli(["reconcile", "--stack", "staging", "--dry-run", "--open", "7,x"])).lines).toEqual([
      'previews: --open must list pull request numbers separated by commas, e.g. 12,15; got "7,x"; see npm run previews -- --help',
    ]);
    expect((await cli(["reconcile", "--stack", "prod", "--dry-run", "--open", "7"])).lines).toEqual([
      "previews: stack prod has no atlas-access:previews: nothing to reconcile; see npm run previews -- --help",
    ]);
    expect((await cli(["reconcile", "--stack", "staging", "--open", "7", "--state", "x.json"])).lines).toEqual([
      "previews: --state is for --dry-run only: a real run reads the stack's own state; see npm run previews -- --help",
    ]);
  });

  it("exits 2 on an unknown option or a missing value, writing no job summary", async () => {
    const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "previews-")), "summary.md");
    const env = { GITHUB_STEP_SUMMARY: summary };
    expect(await cli(["reconcile", "--stack", "staging", "--dryrun"], env)).toEqual({
      code: 2,
      lines: ["previews: unknown option --dryrun (did you mean --dry-run?); see npm run previews -- --help"],
    });
    expect(await cli(["reconcile", "--stack"], env)).toEqual({
      code: 2,
      lines: ["previews: --stack needs a value; see npm run previews -- --help"],
    });
    expect(fs.existsSync(summary)).toBe(false);
  });

  it("--help prints the usage, which the README documents word for word", async () => {
    const help = await cli(["--help"]);
    expect(help).toEqual({ code: 0, lines: [USAGE.trimEnd()] });
    expect(await cli(["reconcile", "-h"])).toEqual(help);
    expect(fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8")).toContain(USAGE);
  });

  it("without --state, a real run needs the Pulumi side: its failure is reported, exit 1", async () => {
    expect(await cli(["reconcile", "--stack", "staging", "--open", "7"])).toEqual({
      code: 1,
      lines: ["previews: no Pulumi in this test"],
    });
  });
});

describe("npm run previews -- stuck", () => {
  it("exits 1 and lists the stuck namespace", async () => {
    const { code, lines } = await cli(["stuck", "--cluster", `${FIXTURES}/cluster-stuck.json`]);
    expect([code, lines[1]]).toEqual([1, "- `pr-7` since 2026-08-01T09:12:00Z: `pr-7`"]);
  });
});
