/**
 * The vendored Admin API subset as one JSON Schema document ajv can compile. OpenAPI 3.0 differs from JSON Schema in
 * ways that would make a faithful check fail or pass wrongly, so each component schema is adapted, and only so:
 * - `nullable: true` admits `null`;
 * - a `oneOf` whose own `type` is `object` (the generator adds it to wrappers of string enums, e.g. the stream region)
 *   keeps its branches' types only;
 * - an enum holding a placeholder such as `<a custom role name>` (DatabaseUserRole.roleName) is open: any value;
 * - `pattern`s are Java regular expressions, translated by `javaPattern`;
 * - a `discriminator` selects the variant by the discriminating property (`if`/`then` per variant) and variants
 *   that extend their parent (`allOf: [parent, …]`) extend its plain properties, not its `oneOf` again;
 * - a `oneOf` of views without a discriminator selects its variant by the property they all enumerate (`variants.ts`).
 */
import * as fs from "fs";
import * as path from "path";
import { isRecord } from "../values";
import { javaPattern } from "./javaPattern";
import { type Variants, implicitDiscriminator, selectVariant } from "./variants";

type Schema = Record<string, unknown>;

export const SUBSET_FILE = path.join(__dirname, "..", "..", "..", "vendor", "atlas-admin-api", "v2-subset.json");
const SCHEMAS = "#/components/schemas/";
const BASE = "__base";

let cached: { schemas: Record<string, Schema>; document: Schema; variants: Map<string, Variants> } | undefined;

/** The vendored subset's component schemas, as the spec states them. */
export function specSchemas(): Record<string, Schema> {
  return load().schemas;
}

/** How component `name` selects its variant by a property all its views enumerate (`variants.ts`), if it does. */
export function implicitVariants(name: string): Variants | undefined {
  return load().variants.get(name);
}

/** The adapted document: `components.schemas` (and the `<Name>__base` of each discriminated schema). */
export function adaptedDocument(): Schema {
  return load().document;
}

function load(): { schemas: Record<string, Schema>; document: Schema; variants: Map<string, Variants> } {
  if (!cached) {
    const spec = JSON.parse(fs.readFileSync(SUBSET_FILE, "utf8")) as {
      components: { schemas: Record<string, Schema> };
    };
    const schemas = spec.components.schemas;
    const discriminated = new Set(Object.keys(schemas).filter((n) => isRecord(schemas[n]?.discriminator)));
    const adapted: Record<string, Schema> = {};
    const implicit = new Map<string, Variants>();
    for (const [name, schema] of Object.entries(schemas)) {
      const plain = adapt(schema, discriminated) as Schema;
      if (!discriminated.has(name)) {
        const variants = implicitDiscriminator(schema, schemas);
        if (variants) implicit.set(name, variants);
        adapted[name] = variants ? selectVariant(name, variants) : plain;
        continue;
      }
      const { discriminator, ...base } = plain;
      delete base.oneOf; // the variants are chosen by the discriminator below
      const { propertyName, mapping } = discriminator as { propertyName: string; mapping: Record<string, string> };
      adapted[`${name}${BASE}`] = base;
      adapted[name] = {
        allOf: [
          { $ref: `${SCHEMAS}${name}${BASE}` },
          { required: [propertyName] },
          // One `if` per variant, not per value: compiling 157 conditions for HostMetricThreshold took ajv seconds.
          ...Object.entries(byVariant(mapping)).map(([ref, values]) => ({
            if: { properties: { [propertyName]: { enum: values } }, required: [propertyName] },
            then: { $ref: ref },
          })),
        ],
      };
    }
    cached = { schemas, document: { components: { schemas: adapted } }, variants: implicit };
  }
  return cached;
}

/** The discriminator's values per variant `$ref`, in mapping order. */
function byVariant(mapping: Readonly<Record<string, string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [value, ref] of Object.entries(mapping)) (out[ref] ??= []).push(value);
  return out;
}

function adapt(value: unknown, discriminated: ReadonlySet<string>, inAllOf = false): unknown {
  if (Array.isArray(value)) return value.map((v) => adapt(v, discriminated, inAllOf));
  if (!isRecord(value)) return value;
  const out: Schema = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "pattern" && typeof v === "string") out[k] = javaPattern(v);
    else if (k === "$ref" && typeof v === "string")
      out[k] = inAllOf && discriminated.has(v.slice(SCHEMAS.length)) ? `${v}${BASE}` : v;
    else out[k] = adapt(v, discriminated, k === "allOf");
  }
  if (Array.isArray(out.enum) && out.enum.some((e) => typeof e === "string" && /^<.*>$/.test(e))) delete out.enum;
  if (Array.isArray(out.oneOf) && out.type === "object") delete out.type;
  if (out.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}
