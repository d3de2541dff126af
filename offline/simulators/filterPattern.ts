/**
 * A small, strict parser and evaluator for the CloudWatch Logs JSON filter-pattern grammar, written because no npm
 * library evaluates these patterns. It accepts only what the AWS documentation of the syntax describes
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html) and this program needs:
 *
 *   pattern    := "{" or "}"
 *   or         := and ("||" and)*                       (`&&` binds tighter than `||`)
 *   and        := primary ("&&" primary)*
 *   primary    := "(" or ")" | selector test
 *   selector   := "$" ("." name | "[" digits "]")+      name = [A-Za-z0-9_-]+
 *   test       := ("=" | "!=") value | ("<" | "<=" | ">" | ">=") number
 *               | "NOT EXISTS" | "IS NULL" | "IS TRUE" | "IS FALSE"
 *   value      := "\"" chars "\"" | bare word [A-Za-z0-9_.*-]+ | number
 *
 * `*` inside a string value is a wildcard for any run of characters. Matching is case sensitive. Anything else
 * (regular expressions `%...%`, `EXISTS`, `IS NOT`, escapes inside strings, text outside the braces) is rejected
 * with an error naming the position, so a pattern this module accepts is one whose meaning it knows.
 */

export type Selector = (string | number)[];
export type Literal = { kind: "string"; text: string } | { kind: "number"; value: number };
export type Expr =
  | { type: "or" | "and"; operands: Expr[] }
  | { type: "compare"; selector: Selector; op: "=" | "!="; value: Literal }
  | { type: "order"; selector: Selector; op: "<" | "<=" | ">" | ">="; value: number }
  | { type: "notExists"; selector: Selector }
  | { type: "is"; selector: Selector; what: "NULL" | "TRUE" | "FALSE" };

export class FilterPatternError extends Error {
  constructor(
    message: string,
    public readonly position: number,
  ) {
    super(`${message} at character ${position}`);
    this.name = "FilterPatternError";
  }
}

type Token =
  | { t: "punct"; v: "{" | "}" | "(" | ")" | "&&" | "||" | "=" | "!=" | "<" | "<=" | ">" | ">="; pos: number }
  | { t: "selector"; v: Selector; pos: number }
  | { t: "string"; v: string; pos: number }
  | { t: "word"; v: string; pos: number }
  | { t: "end"; pos: number };

const PUNCT = ["&&", "||", "!=", "<=", ">=", "{", "}", "(", ")", "=", "<", ">"] as const;
const WORD = /^[A-Za-z0-9_.*-]+/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const punct = PUNCT.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ t: "punct", v: punct, pos: i });
      i += punct.length;
      continue;
    }
    if (ch === "$") {
      const start = i;
      const selector: Selector = [];
      i++;
      for (;;) {
        const rest = text.slice(i);
        const field = /^\.([A-Za-z0-9_-]+)/.exec(rest);
        const index = /^\[(\d+)\]/.exec(rest);
        if (field) {
          selector.push(field[1] as string);
          i += field[0].length;
        } else if (index) {
          selector.push(Number(index[1]));
          i += index[0].length;
        } else break;
      }
      if (selector.length === 0) throw new FilterPatternError("a selector must name a field, e.g. $.eventName", start);
      tokens.push({ t: "selector", v: selector, pos: start });
      continue;
    }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new FilterPatternError("unterminated quoted string", i);
      const body = text.slice(i + 1, end);
      if (body.includes("\\"))
        throw new FilterPatternError("backslash escapes are not supported inside a quoted string", i);
      tokens.push({ t: "string", v: body, pos: i });
      i = end + 1;
      continue;
    }
    if (ch === "%") throw new FilterPatternError("regular expressions (%...%) are not supported by this evaluator", i);
    const word = WORD.exec(text.slice(i));
    if (word) {
      tokens.push({ t: "word", v: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    throw new FilterPatternError(`unexpected character ${JSON.stringify(ch)}`, i);
  }
  tokens.push({ t: "end", pos: text.length });
  return tokens;
}

/** Parses a JSON filter pattern (`{ ... }`); throws {@link FilterPatternError} on anything outside the grammar. */
export function parseFilterPattern(text: string): Expr {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k] as Token;
  const next = () => tokens[k++] as Token;
  const isPunct = (tok: Token, v: string) => tok.t === "punct" && tok.v === v;
  const expectPunct = (v: string) => {
    const tok = next();
    if (!isPunct(tok, v)) throw new FilterPatternError(`expected ${JSON.stringify(v)}`, tok.pos);
  };
  const expectWord = (v: string) => {
    const tok = next();
    if (tok.t !== "word" || tok.v !== v) throw new FilterPatternError(`expected ${v}`, tok.pos);
  };

  const parseOr = (): Expr => {
    const operands = [parseAnd()];
    while (isPunct(peek(), "||")) {
      next();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? (operands[0] as Expr) : { type: "or", operands };
  };
  const parseAnd = (): Expr => {
    const operands = [parsePrimary()];
    while (isPunct(peek(), "&&")) {
      next();
      operands.push(parsePrimary());
    }
    return operands.length === 1 ? (operands[0] as Expr) : { type: "and", operands };
  };
  const parsePrimary = (): Expr => {
    const tok = next();
    if (isPunct(tok, "(")) {
      const inner = parseOr();
      expectPunct(")");
      return inner;
    }
    if (tok.t !== "selector") throw new FilterPatternError('expected a selector ($.field) or "("', tok.pos);
    const selector = tok.v;
    const op = next();
    if (op.t === "word" && op.v === "NOT") {
      expectWord("EXISTS");
      return { type: "notExists", selector };
    }
    if (op.t === "word" && op.v === "IS") {
      const what = next();
      if (what.t === "word" && (what.v === "NULL" || what.v === "TRUE" || what.v === "FALSE"))
        return { type: "is", selector, what: what.v };
      throw new FilterPatternError("expected NULL, TRUE or FALSE after IS", what.pos);
    }
    if (op.t !== "punct") throw new FilterPatternError("expected =, !=, <, <=, >, >=, NOT EXISTS or IS", op.pos);
    const value = next();
    if (op.v === "=" || op.v === "!=") {
      if (value.t === "string")
        return { type: "compare", selector, op: op.v, value: { kind: "string", text: value.v } };
      if (value.t === "word") {
        return NUMBER.test(value.v)
          ? { type: "compare", selector, op: op.v, value: { kind: "number", value: Number(value.v) } }
          : { type: "compare", selector, op: op.v, value: { kind: "string", text: value.v } };
      }
      throw new FilterPatternError("expected a value", value.pos);
    }
    if (op.v === "<" || op.v === "<=" || op.v === ">" || op.v === ">=") {
      if (value.t === "word" && NUMBER.test(value.v))
        return { type: "order", selector, op: op.v, value: Number(value.v) };
      throw new FilterPatternError(`${op.v} needs a number`, value.pos);
    }
    throw new FilterPatternError("expected =, !=, <, <=, >, >=, NOT EXISTS or IS", op.pos);
  };

  expectPunct("{");
  const expr = parseOr();
  expectPunct("}");
  const end = next();
  if (end.t !== "end") throw new FilterPatternError("unexpected text after the closing brace", end.pos);
  return expr;
}

const ABSENT = Symbol("absent");

function resolve(event: unknown, selector: Selector): unknown {
  let here: unknown = event;
  for (const step of selector) {
    if (typeof step === "number") {
      if (!Array.isArray(here) || step >= here.length) return ABSENT;
      here = here[step];
    } else {
      if (
        here === null ||
        typeof here !== "object" ||
        Array.isArray(here) ||
        !Object.prototype.hasOwnProperty.call(here, step)
      )
        return ABSENT;
      here = (here as Record<string, unknown>)[step];
    }
  }
  return here;
}

/** `*` matches any run of characters (including none); everything else literally; whole value, case sensitive. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );
  return re.test(value);
}

function equals(value: unknown, literal: Literal): boolean {
  if (literal.kind === "number") return typeof value === "number" && value === literal.value;
  return typeof value === "string" && wildcardMatches(literal.text, value);
}

export interface EvaluateOptions {
  /**
   * What `$.x != "v"` yields when `$.x` is absent. The AWS documentation does not say, so tests evaluate every
   * emitted pattern under BOTH choices and require the same answer: a pattern whose result depends on it is a defect.
   */
  absentNotEquals: "match" | "noMatch";
}

/** Whether `event` (a parsed CloudTrail record) matches `expr`. */
export function evaluate(expr: Expr, event: unknown, options: EvaluateOptions): boolean {
  switch (expr.type) {
    case "or":
      return expr.operands.some((e) => evaluate(e, event, options));
    case "and":
      return expr.operands.every((e) => evaluate(e, event, options));
    case "notExists":
      return resolve(event, expr.selector) === ABSENT;
    case "is": {
      const v = resolve(event, expr.selector);
      return expr.what === "NULL" ? v === null : v === (expr.what === "TRUE");
    }
    case "order": {
      const v = resolve(event, expr.selector);
      if (typeof v !== "number") return false;
      return expr.op === "<"
        ? v < expr.value
        : expr.op === "<="
          ? v <= expr.value
          : expr.op === ">"
            ? v > expr.value
            : v >= expr.value;
    }
    case "compare": {
      const v = resolve(event, expr.selector);
      if (expr.op === "=") return v !== ABSENT && equals(v, expr.value);
      if (v === ABSENT) return options.absentNotEquals === "match";
      return !equals(v, expr.value);
    }
  }
}

/** Parses and evaluates in one step. */
export function matches(pattern: string, event: unknown, options: EvaluateOptions): boolean {
  return evaluate(parseFilterPattern(pattern), event, options);
}
