/**
 * Validates objects against real CRD schemas (vendored in `vendor/crds/`) the way the API server would before admission:
 * the OpenAPI schema with ajv, unknown fields refused (the API server would silently prune them, which would make a
 * corpus case test something other than what it says), and the schema's own CEL `x-kubernetes-validations` rules
 * evaluated on `@bufbuild/cel` (transition rules using `oldSelf` are skipped: they only apply to updates).
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { load as loadYaml } from "js-yaml";
import { isCelError, run } from "@bufbuild/cel";
import type { CelInput } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

type Schema = Record<string, unknown>;

interface CrdVersion {
  name: string;
  schema: { openAPIV3Schema: Schema };
}
interface Crd {
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}

/** Object schemas with properties and no `x-kubernetes-preserve-unknown-fields` refuse unknown keys. */
function strictify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== "object") return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s))
    out[k] =
      k === "properties"
        ? Object.fromEntries(Object.entries(v as Schema).map(([pk, pv]) => [pk, strictify(pv)]))
        : strictify(v);
  if (s.properties && !s["x-kubernetes-preserve-unknown-fields"] && s.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

function toCel(value: unknown): CelInput {
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)])) as unknown as CelInput;
  return value as CelInput;
}

function celRules(schema: Schema, value: unknown, at: string, problems: string[]): void {
  if (value === undefined) return;
  const rules = (schema["x-kubernetes-validations"] ?? []) as { rule: string; message?: string }[];
  for (const r of rules) {
    if (/\boldSelf\b/.test(r.rule)) continue;
    const result = run(r.rule, { self: toCel(value) }, { funcs: strings });
    if (isCelError(result)) problems.push(`${at}: CEL rule ${JSON.stringify(r.rule)} errored: ${result.message}`);
    else if (result !== true) problems.push(`${at}: ${r.message ?? `CEL rule ${r.rule} is false`}`);
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(value)) {
      const sub =
        props[k] ??
        (typeof schema.additionalProperties === "object" ? (schema.additionalProperties as Schema) : undefined);
      if (sub) celRules(sub, v, `${at}.${k}`, problems);
    }
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === "object") {
    value.forEach((v, i) => celRules(schema.items as Schema, v, `${at}[${i}]`, problems));
  }
}

/** The real CRD schemas this repository vendors (see `vendor/README.md`), one folder per release. */
export const VENDORED_CRDS = {
  atlasOperator: path.join(__dirname, "..", "..", "vendor", "crds", "atlas-operator-2.15.1"),
  kyverno: path.join(__dirname, "..", "..", "vendor", "crds", "kyverno-1.19.0"),
};

export class CrdValidator {
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  /** Schemas by `group/version/Kind`; each is compiled on first use (a CRD schema can be hundreds of kilobytes). */
  private readonly byGvk = new Map<string, { validate?: ValidateFunction; schema: Schema }>();

  /** Loads every `*.yaml` CRD of a folder. */
  constructor(folder: string) {
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".yaml"))
      .sort()) {
      // js-yaml: these are data, read whole (no positions needed), and it reads them five times faster than `yaml`.
      const crd = loadYaml(fs.readFileSync(path.join(folder, file), "utf8")) as Crd;
      for (const v of crd.spec.versions) {
        // apiVersion, kind and metadata are always accepted at the root, even when a CRD schema does not list them.
        const root = v.schema.openAPIV3Schema;
        const schema = {
          ...root,
          properties: {
            apiVersion: { type: "string" },
            kind: { type: "string" },
            metadata: { type: "object" },
            ...(root.properties as Schema),
          },
        };
        this.byGvk.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, { schema });
      }
    }
  }

  /** The `group/version/Kind` keys known. */
  kinds(): string[] {
    return [...this.byGvk.keys()].sort();
  }

  has(apiVersion: string, kind: string): boolean {
    return this.byGvk.has(`${apiVersion}/${kind}`);
  }

  /** Problems (empty when valid); throws when the kind has no CRD here. */
  validate(object: Record<string, unknown>): string[] {
    const key = `${String(object.apiVersion)}/${String(object.kind)}`;
    const entry = this.byGvk.get(key);
    if (!entry) throw new Error(`no CRD for ${key}; known: ${this.kinds().join(", ")}`);
    const problems: string[] = [];
    entry.validate ??= this.ajv.compile(strictify(entry.schema) as Schema);
    if (!entry.validate(object)) {
      for (const e of entry.validate.errors ?? []) {
        const extra =
          e.keyword === "additionalProperties"
            ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
            : "";
        problems.push(`${e.instancePath || "/"}: ${e.message ?? e.keyword}${extra}`);
      }
    }
    celRules(entry.schema, object, "", problems);
    return problems;
  }
}
