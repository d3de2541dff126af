/**
 * A `oneOf` of component schemas without a `discriminator` whose variants all require one property with enumerated
 * values: `GroupAlertsConfig` (16 alert configuration views, by `eventTypeName`) and `AlertsNotificationRootForGroup`
 * (14 notification types, by `typeName`). Atlas picks the view by that property, so the check does too: the property
 * must hold one of the values some variant accepts, and the body must then satisfy each variant that accepts it.
 * A plain `oneOf` would refuse a value two variants accept (`OUTSIDE_STREAM_PROCESSOR_METRIC_THRESHOLD` is in the
 * default view and in the stream processor metric view) and would report every variant's errors for one bad value.
 */
import { isRecord } from "../values";

type Schema = Record<string, unknown>;

const SCHEMAS = "#/components/schemas/";

/** Marks a node the adapter made up: validation messages name this path of the specification instead. */
export const SPEC_PATH = "x-atlas-access-spec-path";

/** The values `node` allows: an `enum`, a `$ref` to one, or a `oneOf` of them; `undefined` when not enumerated. */
export function enumerated(node: unknown, schemas: Readonly<Record<string, Schema>>): string[] | undefined {
  if (!isRecord(node)) return undefined;
  if (Array.isArray(node.enum)) return node.enum.map(String);
  if (typeof node.$ref === "string") return enumerated(schemas[node.$ref.slice(SCHEMAS.length)], schemas);
  if (Array.isArray(node.oneOf)) {
    const parts = node.oneOf.map((b) => enumerated(b, schemas));
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

export interface Variants {
  property: string;
  /** Each variant's component name and the values of `property` it accepts, in the order of the `oneOf`. */
  variants: { name: string; values: string[] }[];
}

/** The property selecting the variant of `schema`'s `oneOf`, when it has one (see the module comment). */
export function implicitDiscriminator(schema: Schema, schemas: Readonly<Record<string, Schema>>): Variants | undefined {
  if (isRecord(schema.discriminator) || !Array.isArray(schema.oneOf) || schema.oneOf.length === 0) return undefined;
  const names: string[] = [];
  for (const branch of schema.oneOf) {
    if (!isRecord(branch) || typeof branch.$ref !== "string") return undefined;
    names.push(branch.$ref.slice(SCHEMAS.length));
  }
  const required = names.map((n) => {
    const r = schemas[n]?.required;
    return Array.isArray(r) ? r.map(String) : [];
  });
  for (const property of required[0] ?? []) {
    if (!required.every((r) => r.includes(property))) continue;
    const variants = names.map((name) => {
      const properties = schemas[name]?.properties;
      return { name, values: enumerated(isRecord(properties) ? properties[property] : undefined, schemas) };
    });
    if (variants.every((v) => v.values !== undefined))
      return { property, variants: variants.map((v) => ({ name: v.name, values: v.values ?? [] })) };
  }
  return undefined;
}

/** `schema` (component `name`) as `if`/`then` per variant, after a check that the property holds an accepted value. */
export function selectVariant(name: string, found: Variants): Schema {
  const { property, variants } = found;
  const path = `${SCHEMAS}${name}/oneOf`;
  const all = [...new Set(variants.flatMap((v) => v.values))];
  return {
    allOf: [
      { properties: { [property]: { enum: all, [SPEC_PATH]: path } }, required: [property], [SPEC_PATH]: path },
      ...variants.map((v) => ({
        if: { properties: { [property]: { enum: v.values } }, required: [property] },
        then: { $ref: `${SCHEMAS}${v.name}` },
      })),
    ],
  };
}
