/**
 * The plan surface: `main()` (what `npm run plan` runs) over the guardrail fixture program (`programDir`), so the real
 * plan code, the real rulebook and real provider classes produce the findings.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../offline/plan";

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

  test("Noncompliance: mandatory findings make the plan exit 1 and name rule, resource and message on stderr", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-access-plan-"));
    const result = await runMain(["--stack", "noncompliant", "--config-dir", FIXTURE, "--out", out]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("plan: 24 mandatory guardrail finding(s); a deployment would be refused:");
    expect(lines).toContain(
      '  ATLAS-001 mongodbatlas:index/databaseUser:DatabaseUser conn-user: roles[0] grants forbidden role "readWriteAnyDatabase" on "admin"',
    );
    expect(lines).toContain(
      "  K8S-001 kubernetes:helm.sh/v3:Release operator: values.watchNamespaces is []; an empty list makes the operator watch every namespace",
    );
    expect(lines).toContain(
      '  IAM-003 aws:iam/rolePolicy:RolePolicy conn-extra: attaches an inline policy to connection role "conn-orders-prod"; it must have no permission policy',
    );
    expect(result.stdout).toContain("Guardrails: 24 finding(s)\n");
    expect(result.stdout).toContain(
      "  MANDATORY AUDIT-001 aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true\n",
    );
  });
});
