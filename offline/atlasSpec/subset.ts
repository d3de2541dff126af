/**
 * Cuts the vendored Atlas Admin API subset out of a full `openapi/v2.json` (mongodb/openapi): the selected operations
 * and request schemas, every component they reference (transitively, `discriminator.mapping` targets included), the
 * tags the operations use, and the document's metadata. Keys are sorted and the text is 2-space JSON, so the same
 * input always gives the same bytes.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SubsetSelection {
  /** `[method, path]` pairs, e.g. `["get", "/api/atlas/v2/groups/{groupId}/databaseUsers"]`. */
  operations: [string, string][];
  /** Component schemas kept for themselves (request bodies the spec check validates against). */
  schemas: string[];
}

const METADATA = ["info", "openapi", "security", "servers", "x-externalLinks"];

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k] as Json)]),
  );
}

/** The subset of `full` for `selection`; throws naming any operation, schema or `$ref` that does not exist. */
export function extractSubset(full: JsonObject, selection: SubsetSelection): JsonObject {
  const components = (full.components ?? {}) as JsonObject;
  const kept: Record<string, JsonObject> = {};
  const refs: string[] = [];
  const visit = (v: Json | undefined): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") refs.push(x);
      else visit(x);
    }
    const mapping = isObject(v.discriminator) ? v.discriminator.mapping : undefined;
    if (isObject(mapping)) Object.values(mapping).forEach((r) => typeof r === "string" && refs.push(r));
  };
  const paths: JsonObject = {};
  const tags = new Set<string>();
  for (const [method, path] of selection.operations) {
    const op = isObject(full.paths) && isObject(full.paths[path]) ? full.paths[path][method] : undefined;
    if (!isObject(op)) throw new Error(`extractSubset: no operation ${method.toUpperCase()} ${path} in the spec`);
    paths[path] = { ...((paths[path] as JsonObject | undefined) ?? {}), [method]: op };
    (Array.isArray(op.tags) ? op.tags : []).forEach((t) => typeof t === "string" && tags.add(t));
    visit(op);
  }
  selection.schemas.forEach((name) => refs.push(`#/components/schemas/${name}`));
  while (refs.length > 0) {
    const ref = refs.pop() as string;
    const [, , kind, name] = ref.split("/");
    if (!kind || !name || !ref.startsWith("#/components/")) throw new Error(`extractSubset: unsupported $ref ${ref}`);
    const section = (kept[kind] ??= {});
    if (section[name] !== undefined) continue;
    const target = isObject(components[kind]) ? components[kind][name] : undefined;
    if (target === undefined) throw new Error(`extractSubset: ${ref} does not resolve in the spec`);
    section[name] = target;
    visit(target);
  }
  const out: JsonObject = {
    components: { ...kept, securitySchemes: (components.securitySchemes ?? {}) as JsonObject },
    paths,
    tags: (Array.isArray(full.tags) ? full.tags : []).filter((t) => isObject(t) && tags.has(String(t.name))),
  };
  for (const key of METADATA) if (full[key] !== undefined) out[key] = full[key] as Json;
  return sortKeys(out) as JsonObject;
}

/** The subset as the file holds it. */
export const renderSubset = (subset: JsonObject): string => `${JSON.stringify(subset, null, 2)}\n`;
