import * as path from "path";
import { ConfigError } from "../config/parse";
import { registeredBefore, runStack } from "./harness";
import { isSecret, redactSecrets, unwrapSecrets } from "./registrations";
import { SECURE_PLACEHOLDER } from "../config/stackFiles";
import { listStacks, readStackConfig } from "./stackFiles";

const demo = path.join(__dirname, "fixtures", "demo-program");

describe("readStackConfig", () => {
  it("decodes project keys, keeps provider keys as the CLI passes them, and replaces secure values", () => {
    const cfg = readStackConfig("demo", demo);
    expect(cfg.project).toEqual({ label: "hello", token: SECURE_PLACEHOLDER });
    expect(cfg.providers).toEqual({ "aws:region": "eu-central-1" });
    expect([...cfg.secretKeys]).toEqual(["token"]);
  });

  it("names the stacks that exist when asked for one that does not", () => {
    expect(() => readStackConfig("nope", demo)).toThrow(
      `no stack "nope": ${path.join(demo, "Pulumi.nope.yaml")} does not exist; stacks here: demo`,
    );
  });

  it("finds both committed stacks (and any other stack file beside them)", () => {
    expect(listStacks()).toEqual(expect.arrayContaining(["prod", "staging"]));
  });
});

describe("runStack", () => {
  it("returns every registration in order with type, name, parent, inputs and options", async () => {
    const result = await runStack({ stack: "demo", configDir: demo, programDir: demo });
    expect(result.registrations.map((r) => [r.type, r.name, r.parent])).toEqual([
      ["demo:index:Box", "box", null],
      ["random:index/randomId:RandomId", "box-first", "box"],
      ["random:index/randomId:RandomId", "box-second", "box"],
    ]);
    const second = result.registrations[2];
    expect(second?.protect).toBe(true);
    expect(second?.dependsOn).toEqual(["box-first"]);
    expect(result.registrations[1]?.protect).toBe(false);
    expect(unwrapSecrets(second?.inputs.keepers)).toEqual({ token: "s3cr3t", region: "eu-central-1" });
  });

  it("keeps secret inputs marked secret, and can redact or unwrap them", async () => {
    const { registrations } = await runStack({ stack: "demo", configDir: demo, programDir: demo });
    // A secret inside a map makes the whole map secret, as in a real deployment.
    const keepers = registrations[2]?.inputs.keepers;
    expect(isSecret(keepers)).toBe(true);
    expect(redactSecrets({ keepers })).toEqual({ keepers: "[secret]" });
    expect(unwrapSecrets(keepers)).toEqual({ token: "s3cr3t", region: "eu-central-1" });
    expect(isSecret(registrations[1]?.inputs.keepers)).toBe(false);
  });

  it("passes a secure config value as a placeholder that is still secret, and returns the stack outputs", async () => {
    const { outputs, secretKeys } = await runStack({ stack: "demo", configDir: demo, programDir: demo });
    expect(secretKeys).toEqual(["token"]);
    expect(outputs.label).toBe("hello");
    expect(outputs.tokenIsSecret).toBe(true);
  });

  it("applies a config mutation before the run, and registers nothing when the program throws first", async () => {
    const error = await runStack({
      stack: "demo",
      configDir: demo,
      programDir: demo,
      mutateConfig: (c) => delete c.label,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("Missing required configuration variable 'atlas-access:label'");
    expect(registeredBefore(error)).toEqual([]);
  });

  it("runs the real program for each committed stack", async () => {
    for (const stack of ["staging", "prod"]) {
      const { outputs } = await runStack({ stack });
      expect(outputs.environment).toBe(stack);
    }
  });

  it("the real program validates its config before anything else: a bad config registers nothing, the component included", async () => {
    const error = await runStack({
      stack: "staging",
      mutateConfig: (c) =>
        (c.aws as { connections: { allowedPrincipals: string[] }[] }).connections.forEach((conn, i) => {
          if (i === 0) conn.allowedPrincipals = ["*"];
        }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(1);
    expect(registeredBefore(error)).toEqual([]);
  });
});
