import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { DEFAULT_KYVERNO_CHART_VERSION } from "../areas/admission/config";
import { buildAdmissionPolicies } from "../areas/admission/policies";
import { CORPUS_PARAMS, POLICIES_DIR } from "../offline/admission/corpus";
import { SUITE, renderedPolicyPath } from "../offline/admission/generate";

const ROOT = path.join(__dirname, "..");
const FILE = path.join(ROOT, ".github", "workflows", "policy-tests.yml");
const text = fs.readFileSync(FILE, "utf8");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
const workflow = parseYaml(text) as {
  on: { pull_request: { paths: string[] } };
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const runs = steps.map((s) => s.run ?? s.uses ?? "");
const policiesDir = path.relative(ROOT, POLICIES_DIR).split(path.sep).join("/");

describe(".github/workflows/policy-tests.yml", () => {
  test("installs the Kyverno CLI with kyverno/action-install-cli and an explicit release matching the chart", () => {
    const install = steps.filter((s) => s.uses?.startsWith("kyverno/action-install-cli@"));
    expect(install.map((s) => [s.uses, s.with])).toEqual([
      ["kyverno/action-install-cli@v0.2.0", { release: "${{ env.KYVERNO_CLI_RELEASE }}" }],
    ]);
    expect(workflow.env.KYVERNO_CLI_RELEASE).toBe("v1.19.0");
    // Chart 3.9.x ships Kyverno 1.19.x.
    expect(DEFAULT_KYVERNO_CHART_VERSION.startsWith("3.9.")).toBe(true);
  });

  test("runs kyverno test once over every policy folder, after installing the CLI", () => {
    const install = runs.findIndex((r) => r.startsWith("kyverno/action-install-cli@"));
    const kyverno = runs.flatMap((r, i) => (r.includes("kyverno test") ? [[i, r.trim()]] : []));
    expect(kyverno).toEqual([[runs.length - 1, `kyverno test ${policiesDir} --detailed-results`]]);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(runs.length - 1);
  });

  test("needs neither npm nor npm run plan: the suites read the committed rendered policies", () => {
    const commands = steps.flatMap((s) => (s.run ?? "").split("\n").map((l) => l.trim()));
    expect(commands.filter((c) => /^(npm|npx|node)\b/.test(c))).toEqual([]);
    expect(steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))).toEqual([]);
    for (const p of buildAdmissionPolicies(CORPUS_PARAMS)) {
      const folders = fs.readdirSync(path.join(POLICIES_DIR, p.name, SUITE));
      expect([p.name, folders.length > 0]).toEqual([p.name, true]);
      for (const folder of folders) {
        const file = path.join(POLICIES_DIR, p.name, SUITE, folder, "kyverno-test.yaml");
        const suite = parseYaml(fs.readFileSync(file, "utf8")) as { policies: string[] };
        const targets = suite.policies.map((f) => path.posix.normalize(path.posix.join(p.name, SUITE, folder, f)));
        expect([p.name, folder, targets]).toEqual([p.name, folder, [renderedPolicyPath(p.name)]]);
      }
      expect(fs.existsSync(path.join(POLICIES_DIR, renderedPolicyPath(p.name)))).toBe(true);
    }
  });

  test("runs on changes to the policy folders and to itself", () => {
    expect(workflow.on.pull_request.paths).toEqual([`${policiesDir}/**`, ".github/workflows/policy-tests.yml"]);
  });
});
