/**
 * Validates a request body against a schema of the vendored Admin API subset with ajv, and words each violation with
 * the body field, the bad value, the schema path in the specification and what it accepts.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { q } from "../values";
import { adaptedDocument, implicitVariants, specSchemas } from "./schema";
import { SPEC_PATH } from "./variants";

const DOCUMENT_ID = "atlas-admin-api";
/** More accepted values than this are summarised (count and the closest ones) instead of listed. */
const LIST_AT_MOST = 12;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(schema: string): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    if (!ajv) {
      // strict: false, because OpenAPI keywords (readOnly, example, discriminator, x-…) are annotations here. Each
      // validator runs a handful of times per plan, so generating the code is what costs: unoptimised code and
      // referenced schemas compiled once as functions halve that (GroupAlertsConfig: 560 → 250 ms, `npm run bench`).
      ajv = new Ajv({
        allErrors: true,
        strict: false,
        validateFormats: false,
        unicodeRegExp: true,
        verbose: true,
        inlineRefs: false,
        code: { optimize: false },
      });
      const document = adaptedDocument();
      indexPaths(document, "#");
      ajv.addSchema({ $id: DOCUMENT_ID, ...document });
    }
    v = ajv.getSchema(`${DOCUMENT_ID}#/components/schemas/${schema}`);
    if (!v) throw new Error(`atlas spec check: no schema ${schema} in the vendored subset`);
    compiled.set(schema, v);
  }
  return v;
}

/** `roles[0].roleName` from `/roles/0/roleName`. */
const fieldOf = (instancePath: string, extra?: string): string => {
  const parts = instancePath.split("/").slice(1);
  if (extra) parts.push(extra);
  return parts.reduce((s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p), "") || "the body";
};

const valueAt = (body: unknown, instancePath: string): unknown =>
  instancePath
    .split("/")
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
      body,
    );

/** Where each schema object of the adapted document is, as a JSON pointer. */
const pointers = new WeakMap<object, string>();
function indexPaths(node: unknown, at: string): void {
  if (node === null || typeof node !== "object") return;
  pointers.set(node, at);
  for (const [k, v] of Object.entries(node)) indexPaths(v, `${at}/${k}`);
}

/** The keyword's path as the vendored specification spells it (the adapter's `__base` suffix removed). */
function specPath(error: ErrorObject): string {
  const own = error.parentSchema?.[SPEC_PATH];
  if (typeof own === "string") return own;
  const parent = (error.parentSchema && pointers.get(error.parentSchema)) ?? "#";
  return `${parent}/${error.keyword}`.replace(/__base/g, "");
}

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Every accepted value when few; else the count and those closest to `got` (same letters, or same first word). */
export function accepted(values: readonly unknown[], got: unknown): string {
  const all = values.map(String);
  if (all.length <= LIST_AT_MOST) return all.join(", ");
  const g = typeof got === "string" ? got : "";
  let closest = all.filter((v) => normalise(v) === normalise(g));
  if (closest.length === 0) {
    const word = normalise(g.split(/[^A-Za-z0-9]|(?=[A-Z][a-z])/)[0] ?? "");
    closest = word ? all.filter((v) => normalise(v).startsWith(word)) : [];
  }
  return `one of ${all.length} values${closest.length > 0 ? `, closest: ${closest.slice(0, LIST_AT_MOST).join(", ")}` : ""}`;
}

function describe(error: ErrorObject, body: unknown): string | undefined {
  const at = specPath(error);
  const got = valueAt(body, error.instancePath);
  const field = fieldOf(error.instancePath);
  switch (error.keyword) {
    case "enum":
      return `${field} is ${q(got)}; ${at} accepts ${accepted(error.params.allowedValues as unknown[], got)}`;
    case "const":
      return undefined; // the discriminator's `if`; the enum of the discriminating property reports it.
    case "pattern": {
      const original = patternIn(at);
      return `${field} is ${q(got)}; ${at} requires a match of ${original}`;
    }
    case "required":
      return `${fieldOf(error.instancePath, String(error.params.missingProperty))} is missing; ${at} requires it`;
    case "if":
      return undefined;
    default:
      return `${field} is ${q(got)}; ${at}: ${error.message ?? error.keyword}`;
  }
}

/** The Java pattern at a `…/pattern` schema path of the specification. */
function patternIn(at: string): string {
  const [, , , name, ...rest] = at.slice(1).split("/");
  let node: unknown = specSchemas()[name ?? ""];
  for (const k of rest)
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
  return typeof node === "string" ? node : "(pattern)";
}

/** One sentence per violation of `schema` by `body`, sorted; empty when the body conforms. */
export function violations(schema: string, body: unknown): string[] {
  // A body whose selecting property some views accept is judged by those views alone, as the whole schema would
  // judge it (its `if`s pass over the others): compiling only them spares the rest (16 alert views, 250 ms).
  const found = implicitVariants(schema);
  const selector =
    body !== null && typeof body === "object" && found ? (body as Record<string, unknown>)[found.property] : undefined;
  const views = found?.variants.filter((v) => typeof selector === "string" && v.values.includes(selector)) ?? [];
  if (views.length > 0) return [...new Set(views.flatMap((v) => violations(v.name, body)))].sort();
  const validate = validator(schema);
  if (validate(body)) return [];
  const lines = (validate.errors ?? []).map((e) => describe(e, body)).filter((l): l is string => l !== undefined);
  return [...new Set(lines)].sort();
}
