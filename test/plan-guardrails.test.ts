/**
 * The plan surface: `main()` (what `npm run plan` runs) over the guardrail fixture program (`programDir`), so the real
 * plan code, the real rulebook and real provider classes produce the findings.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../offline/planCli";

const FIXTURE = path.join(__dirname, "fixtures", "guardrail-program");

async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(argv, { programDir: FIXTURE });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("plan: guardrail findings decide the exit code", () => {
  test("Compliance: a compliant program plans with exit 0 and no findings", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-plan-"));
    const result = await runMain(["--stack", "compliant", "--config-dir", FIXTURE, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Guardrails: no findings\n");
  });

  test("Noncompliance: mandatory findings make the plan exit 1; each is printed once, with its rule, resource and message", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-plan-"));
    const result = await runMain(["--stack", "noncompliant", "--config-dir", FIXTURE, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "plan: stack noncompliant: 24 mandatory guardrail finding(s); a deployment would be refused (listed above)\n",
    );
    expect(result.stdout).toContain("Guardrails: 24 finding(s)\n");
    const lines = result.stdout.split("\n");
    for (const finding of [
      '  MANDATORY ATLAS-001 mongodbatlas:index/databaseUser:DatabaseUser conn-user: roles[0] grants forbidden role "readWriteAnyDatabase" on "admin"',
      "  MANDATORY K8S-001 kubernetes:helm.sh/v3:Release operator: values.watchNamespaces is []; an empty list makes the operator watch every namespace",
      '  MANDATORY IAM-003 aws:iam/rolePolicy:RolePolicy conn-extra: attaches an inline policy to connection role "conn-orders-prod"; it must have no permission policy',
      "  MANDATORY AUDIT-001 aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true",
    ]) {
      expect([finding, lines.filter((l) => l === finding).length]).toEqual([finding, 1]);
    }
    // With --quiet nothing is printed on stdout, so the findings go to stderr, still once.
    const quiet = await runMain(["--stack", "noncompliant", "--config-dir", FIXTURE, "--out", out, "--quiet"]);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr.split("\n")[0]).toBe(
      "plan: stack noncompliant: 24 mandatory guardrail finding(s); a deployment would be refused:",
    );
    expect(quiet.stderr).toContain("\n  AUDIT-001 aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true\n");
  });
});
