/** Reads AWS IAM policy documents given as JSON text (`JSON.stringify`) or as a `PolicyDocument` object. */
import { asList, isRecord, q, type Json } from "./values";

export interface Statement {
  /** Position in `Statement`, for messages. */
  index: number;
  sid: string | undefined;
  effect: string | undefined;
  raw: Json;
}

export type ParsedPolicy = { ok: true; statements: Statement[] } | { ok: false; problem: string };

/** `undefined` when the input is absent; otherwise the statements, or why the value is not a policy document. */
export function parsePolicy(value: unknown): ParsedPolicy | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch {
      return { ok: false, problem: "is not valid JSON, so it cannot be checked" };
    }
  }
  if (!isRecord(doc)) return { ok: false, problem: "is not a policy document object, so it cannot be checked" };
  const list = asList(doc.Statement);
  const statements: Statement[] = [];
  for (const [index, s] of list.entries()) {
    if (!isRecord(s))
      return { ok: false, problem: `has a Statement[${index}] that is not an object, so it cannot be checked` };
    statements.push({
      index,
      sid: typeof s.Sid === "string" ? s.Sid : undefined,
      effect: typeof s.Effect === "string" ? s.Effect : undefined,
      raw: s,
    });
  }
  return { ok: true, statements };
}

/** `Statement[0]` or `Statement[0] (Sid "X")`. */
export const where = (field: string, s: Statement): string =>
  `${field} Statement[${s.index}]${s.sid ? ` (Sid ${q(s.sid)})` : ""}`;

export interface Principal {
  /** `*` for `Principal: "*"`, else the key: `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  kind: string;
  value: string;
}

/** Every principal a statement names under `Principal`. */
export function principals(s: Statement): Principal[] {
  const p = s.raw.Principal;
  if (p === undefined) return [];
  if (typeof p === "string") return [{ kind: "*", value: p }];
  if (!isRecord(p)) return [{ kind: "?", value: q(p) }];
  return Object.entries(p).flatMap(([kind, v]) =>
    asList(v).map((value) => ({ kind, value: typeof value === "string" ? value : q(value) })),
  );
}

/** A statement's Condition has at least one operator with at least one key. */
export function hasCondition(s: Statement): boolean {
  const c = s.raw.Condition;
  return isRecord(c) && Object.values(c).some((op) => isRecord(op) && Object.keys(op).length > 0);
}

export const isAllow = (s: Statement): boolean => s.effect === "Allow";
