/** Neither the plan output nor `out/` holds a password or a secure config value (the plan function, real stacks). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan } from "../../offline/plan";
import { unwrapSecrets } from "../../offline/registrations";
import { SECURE_PLACEHOLDER } from "../../config/stackFiles";
import { readTree } from "../../test/support/files";

describe("plan output and out/ files hold no password", () => {
  it.each(["staging", "prod"])("%s", async (stack) => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-users-plan-"));
    const result = await plan({ stack, outDir });
    const passwords = result.run.registrations
      .filter((r) => r.type === "mongodbatlas:index/databaseUser:DatabaseUser" && r.inputs.password !== undefined)
      .map((r) => unwrapSecrets(r.inputs.password) as string);
    expect(passwords.length).toBeGreaterThan(0);
    for (const p of passwords) expect(p).toMatch(/^mock-password-/);

    // The secure webhook secret (prod) really reaches a registration, so scanning for it can find a leak.
    const sentSecure = result.run.registrations.some((r) =>
      JSON.stringify(unwrapSecrets(r.inputs)).includes(SECURE_PLACEHOLDER),
    );
    expect(sentSecure).toBe(stack === "prod");
    const secrets = [...passwords, SECURE_PLACEHOLDER];

    const files = readTree(path.join(outDir, stack));
    expect(files.size).toBeGreaterThan(0);
    const texts: [string, string][] = [
      ["report", result.report],
      ["outputs", JSON.stringify(result.run.outputs)],
      ...files,
    ];
    for (const [where, text] of texts) {
      for (const secret of secrets) expect([where, secret, text.includes(secret)]).toEqual([where, secret, false]);
    }
    // The redacted inputs still show that a password exists: it is redacted, not dropped.
    const resources = JSON.parse(files.get("resources.json") ?? "[]") as {
      type: string;
      inputs: Record<string, unknown>;
    }[];
    const users = resources.filter(
      (r) => r.type === "mongodbatlas:index/databaseUser:DatabaseUser" && r.inputs.password !== undefined,
    );
    expect(users.map((u) => u.inputs.password)).toEqual(passwords.map(() => "[secret]"));
    const versions = resources.filter((r) => r.type === "gcp:secretmanager/secretVersion:SecretVersion");
    expect(versions.map((v) => v.inputs.secretData)).toEqual(passwords.map(() => "[secret]"));
    fs.rmSync(outDir, { recursive: true, force: true });
  });
});
