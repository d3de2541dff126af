/** The JSON Schema of the stack files: generated, committed, complete, and it agrees with the strict stack file. */
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { renderStackSchema, stackSchema } from "./stackSchema";
import { PROJECT_ROOT, STACK_SCHEMA_FILE } from "./stackFiles";

const committed = fs.readFileSync(path.join(PROJECT_ROOT, STACK_SCHEMA_FILE), "utf8");
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed) as object);
const stackFile = (stack: string) => fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8");
const errorsOf = (text: string) =>
  validate(parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);

/** Every property below `schema` without a description, as a dotted path. */
function undocumented(schema: Record<string, unknown>, at = ""): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const items = schema.items as Record<string, unknown> | undefined;
  return [
    ...Object.entries(properties).flatMap(([k, v]) => [
      ...(v.description ? [] : [`${at}.${k}`]),
      ...undocumented(v, `${at}.${k}`),
    ]),
    ...(items ? undocumented(items, `${at}[]`) : []),
  ];
}

describe("stack file JSON Schema", () => {
  it(`is generated: ${STACK_SCHEMA_FILE} is what npm run schema writes (run it when this fails)`, () => {
    expect(committed).toBe(renderStackSchema());
  });

  it("documents every key (a JSDoc above each field of the config schema)", () => {
    expect(undocumented(stackSchema())).toEqual([]);
  });

  it.each(["staging", "prod"])("accepts the committed %s stack file", (stack) => {
    expect(errorsOf(stackFile(stack))).toEqual([]);
  });

  it("refuses in the editor what the program refuses: a mistyped namespace, a plain-text secret, a typo in a key", () => {
    const prod = stackFile("prod");
    expect(errorsOf(prod.replace("atlas-access:databaseAuditing:", "atlas-acess:databaseAuditing:"))).toEqual([
      "/config must NOT have additional properties",
    ]);
    expect(errorsOf(prod.replace(/secret:\n\s+secure: v1:[^\n]+/, "secret: plain"))).toEqual([
      "/config/atlas-access:databaseAuditing/alerts/webhooks/0/secret must be object",
    ]);
    expect(errorsOf(prod.replace("trailName:", "trailname:"))).toEqual([
      "/config/atlas-access:audit must have required property 'trailName'",
      "/config/atlas-access:audit must NOT have additional properties",
    ]);
  });
});
