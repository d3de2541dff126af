import * as fs from "fs";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import { run, type CelInput } from "@bufbuild/cel";

/** One CRD version's OpenAPI schema, with its CEL rules. */
type Schema = { [k: string]: unknown };

/**
 * Makes the schema as strict as the API server's pruning: an object that lists `properties` accepts no other key
 * (the API server would silently drop it, so a misspelt field would never reach the operator).
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== "object") return schema;
  const s = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === "properties"
        ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, closeObjects(ps)]))
        : closeObjects(v),
    ]),
  ) as Schema;
  if (s.properties && s.additionalProperties === undefined && !s["x-kubernetes-preserve-unknown-fields"])
    s.additionalProperties = false;
  return s;
}

/** Evaluates every `x-kubernetes-validations` rule (except transition rules) on the value it applies to; returns the failed rules' messages. */
function celProblems(schema: Schema, value: unknown, at: string): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  for (const rule of (schema["x-kubernetes-validations"] as { rule: string; message?: string }[] | undefined) ?? []) {
    // Transition rules (they read `oldSelf`) are not evaluated when an object is created.
    if (/\boldSelf\b/.test(rule.rule)) continue;
    if (run(rule.rule, { self: value as CelInput } /* JSON data: objects are CEL maps, arrays lists */) !== true)
      out.push(`${at}: ${rule.message ?? rule.rule}`);
  }
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props && value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, ps] of Object.entries(props))
      out.push(...celProblems(ps, (value as Record<string, unknown>)[k], `${at}.${k}`));
  }
  const items = schema.items as Schema | undefined;
  if (items && Array.isArray(value)) value.forEach((v, i) => out.push(...celProblems(items, v, `${at}[${i}]`)));
  return out;
}

export interface CrdValidator {
  /** `apiVersion` and `kind` the CRD serves. */
  apiVersion: string;
  kind: string;
  /** Problems of one object (empty when the API server would accept it): OpenAPI schema, closed objects, CEL rules. */
  problems(object: unknown): string[];
}

/** Loads `<dir>/<file>` (a CustomResourceDefinition) and validates objects against its first served version. */
export function loadCrd(dir: string, file: string): CrdValidator {
  const crd = parseYaml(fs.readFileSync(path.join(dir, file), "utf8")) as {
    spec: {
      group: string;
      names: { kind: string };
      versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
    };
  };
  const version = crd.spec.versions.find((v) => v.served);
  if (!version) throw new Error(`${file}: no served version`);
  const schema = version.schema.openAPIV3Schema;
  // Formats (only `date-time`, in `status`, which emitted objects never carry) are not checked: ajv-formats is not installed.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate: ValidateFunction = ajv.compile(closeObjects(schema) as object);
  return {
    apiVersion: `${crd.spec.group}/${version.name}`,
    kind: crd.spec.names.kind,
    problems(object) {
      const ok = validate(object);
      const schemaProblems = ok
        ? []
        : (validate.errors ?? []).map(
            (e) =>
              `${e.instancePath || "/"} ${e.message ?? ""}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
          );
      return [...schemaProblems, ...celProblems(schema, object, "self")];
    },
  };
}
