/** Small readers for untyped provider inputs. Rules never trust the shape: a value of the wrong shape is treated as absent. */

export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** `v` as a list: a single value becomes a one-element list, absent becomes empty. */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** `v` as a list of strings (non-strings are dropped). */
export const strings = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === "string");

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The records of a list input (e.g. `roles`), with their index. */
export function records(v: unknown): { index: number; value: Json }[] {
  return asList(v).flatMap((value, index) => (isRecord(value) ? [{ index, value }] : []));
}

/** `<type> <name>`: how findings name a resource. */
export const resourceLabel = (r: { type: string; name: string }): string => `${r.type} ${r.name}`;

/** Values quoted as in the messages: JSON text. */
export const q = (v: unknown): string => JSON.stringify(v);
