/**
 * Validates what the fake Atlas server answers against the vendored Admin API specification subset, so the fake
 * cannot drift from the real API. The subset is OpenAPI 3.0.1; ajv reads JSON Schema, so the schemas are translated:
 * - `nullable: true` adds `null` to the type;
 * - a response must not carry a `writeOnly` property (a password), and a `writeOnly` property is not required in it;
 * - an enum holding a placeholder such as `"<a custom role name>"` stands for any string, so it is dropped;
 * - patterns are Java regular expressions (`\:` is a valid escape there): compiled without the `u` flag;
 * - `int32`, `double`, `date-time` and `email` formats are checked; `discriminator` and `x-*` are documentation.
 */
import * as fs from "fs";
import Ajv, { type ValidateFunction } from "ajv";
import { SPEC_FILE } from "../generate";

interface Spec {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

type Json = Record<string, unknown>;

function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = translate(v);
  if (out.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  if (Array.isArray(out.enum) && out.enum.some((e) => typeof e === "string" && /^<.*>$/.test(e))) delete out.enum;
  const props = out.properties as Record<string, Json> | undefined;
  if (props && typeof props === "object") {
    const writeOnly = Object.keys(props).filter(
      (p) => (node as { properties: Record<string, Json> }).properties[p]?.writeOnly === true,
    );
    for (const p of writeOnly) props[p] = false as unknown as Json;
    if (Array.isArray(out.required)) out.required = out.required.filter((r) => !writeOnly.includes(r as string));
  }
  return out;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface ResponseValidator {
  /** Problems of one response body, or [] when the specification accepts it. */
  (pathTemplate: string, method: string, status: number, mediaType: string, body: unknown): string[];
}

export function loadSpec(file = SPEC_FILE): Spec {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Spec;
}

export function responseValidator(spec: Spec = loadSpec()): ResponseValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addSchema({ components: translate(spec.components) }, "atlas");
  const cache = new Map<string, ValidateFunction>();

  const resolve = (response: Json): Json => {
    const ref = response.$ref;
    if (typeof ref !== "string") return response;
    const name = ref.replace("#/components/responses/", "");
    return spec.components.responses[name] as Json;
  };

  return (pathTemplate, method, status, mediaType, body) => {
    const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${pathTemplate} is not an operation of the specification subset`];
    // Atlas answers 429 and 5xx to any operation, declared or not: those take the shared error responses.
    const shared = status === 429 ? "tooManyRequests" : status >= 500 ? "internalServerError" : undefined;
    const declared =
      operation.responses[String(status)] ?? (shared ? { $ref: `#/components/responses/${shared}` } : undefined);
    if (!declared) return [`${method} ${pathTemplate} declares no ${status} response`];
    const content = (resolve(declared as Json).content ?? {}) as Record<string, { schema: unknown }>;
    const media = content[mediaType];
    if (!media)
      return [
        `${method} ${pathTemplate} ${status} is declared as ${Object.keys(content).join(", ")}, not ${mediaType}`,
      ];
    const key = `${method} ${pathTemplate} ${status} ${mediaType}`;
    let validate = cache.get(key);
    if (!validate) {
      const schema = JSON.parse(
        JSON.stringify(translate(media.schema)).replaceAll('"#/components/', '"atlas#/components/'),
      );
      validate = ajv.compile(schema as Json);
      cache.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`);
  };
}
