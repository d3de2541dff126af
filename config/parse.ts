/**
 * Validation of a stack's config, in phases, listing every problem at once:
 *   1. each section alone against its schema (shape, formats, allowed values); unknown top-level keys;
 *   2. the rules relating values ({@link ConfigRule}), each over valid sections only;
 *   3. the rules relating this stack to its peers ({@link CrossStackRule}), over their valid sections only.
 * Pure: raw values in, typed config or a {@link ConfigError} out.
 */
import { z } from "zod";
import { PROJECT } from "../domain/project";
import type { AddIssue, ConfigRule, CrossStackRule, StackView } from "./rules";
import { didYouMean } from "./suggest";

/** The config's sections and rules, as the composition root assembles them. */
export interface ConfigModel<C> {
  /**
   * Every top-level key with its schema, in the order problems are reported. Optional sections are `.optional()`.
   * `C` is inferred from these schemas by the composition root, so they agree by construction; typing each entry as
   * `z.ZodType<C[K]>` would make the compiler compare every schema structurally (seconds of type checking).
   */
  sections: { readonly [K in keyof C]-?: z.core.$ZodType };
  rules: readonly ConfigRule<C>[];
  crossStackRules: readonly CrossStackRule<C>[];
}

/** Where a problem is in `Pulumi.<stack>.yaml`, from the document root: `["config", "atlas-access:aws", "connections", 0]`. */
export type DocumentPath = readonly (string | number)[];

/** Thrown when the stack configuration is invalid; `problems` holds one line per problem, all at once. */
export class ConfigError extends Error {
  constructor(
    public readonly problems: string[],
    /** For each problem, where it is in the stack file when known (the plan prints the file's line). */
    public readonly paths: readonly (DocumentPath | undefined)[] = [],
  ) {
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was registered:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** `["aws","connections",0,"allowedPrincipals",1]` → `atlas-access:aws.connections[0].allowedPrincipals[1]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = `${PROJECT}:`;
  path.forEach((seg, i) => {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (i === 0 ? "" : ".") + String(seg);
  });
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  input?: unknown;
  message: string;
  keys?: readonly string[];
  expected?: string;
}

/** `["aws","connections",0]` → `["config","atlas-access:aws","connections",0]`: where a config path is in the file. */
export function documentPath(path: readonly PropertyKey[]): DocumentPath {
  const [section, ...rest] = path;
  if (section === undefined) return ["config"];
  return ["config", `${PROJECT}:${String(section)}`, ...rest.map((p) => (typeof p === "number" ? p : String(p)))];
}

interface Described {
  text: string;
  path: DocumentPath;
}

function describe(issue: Issue, secretKeys: ReadonlySet<string>): Described[] {
  const secret = typeof issue.path[0] === "string" && secretKeys.has(issue.path[0]);
  const value = secret ? "[secret]" : show(issue.input);
  const at = (text: string, path = issue.path): Described => ({ text, path: documentPath(path) });
  if (issue.code === "unrecognized_keys") {
    return (issue.keys ?? []).map((k) => at(`${keyPath([...issue.path, k])}: ${issue.message}`, [...issue.path, k]));
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [at(`${keyPath(issue.path)}: required but missing; expected ${issue.expected}`)];
  }
  if (issue.code === "invalid_type") return [at(`${keyPath(issue.path)}: got ${value}; expected ${issue.expected}`)];
  return [at(`${keyPath(issue.path)}: got ${value}; ${issue.message}`)];
}

/** The result of phase 1: every section that parsed, and the keys of those that did not. */
interface Sections<C> {
  config: C;
  invalid: ReadonlySet<string>;
  issues: Issue[];
}

function parseSections<C>(model: ConfigModel<C>, raw: Record<string, unknown>): Sections<C> {
  const issues: Issue[] = [];
  const config: Record<string, unknown> = {};
  const invalid = new Set<string>();
  const sections: Record<string, z.core.$ZodType> = model.sections;
  for (const [key, schema] of Object.entries(sections)) {
    const result = z.safeParse(schema, raw[key], { reportInput: true });
    if (result.success) {
      if (result.data !== undefined) config[key] = result.data;
    } else {
      invalid.add(key);
      for (const issue of result.error.issues) issues.push({ ...issue, path: [key, ...issue.path] });
    }
  }
  const known = Object.keys(sections);
  const accepted = [...known].sort().join(", ");
  for (const key of Object.keys(raw).filter((k) => !known.includes(k))) {
    const suggestion = didYouMean(key, known);
    issues.push({
      code: "unrecognized_keys",
      path: [],
      keys: [key],
      message: `unknown key; accepted keys here: ${accepted}${suggestion ? `; did you mean ${suggestion}?` : ""}`,
    });
  }
  return { config: config as C, invalid, issues };
}

/** `config` as a rule may see it: only the sections it declared it reads. */
function readOnly<C>(config: C, name: string, reads: readonly string[]): C {
  return new Proxy(config as object, {
    get(target, key) {
      if (typeof key === "string" && !reads.includes(key)) {
        throw new Error(`config rule "${name}" reads section ${key} without listing it in reads`);
      }
      return Reflect.get(target, key);
    },
  }) as C;
}

const runnable = (reads: readonly string[], invalid: ReadonlySet<string>) => reads.every((k) => !invalid.has(k));

/** Raw values of one stack: keys without the `atlas-access:` prefix, values decoded. */
export interface RawStack {
  stack: string;
  raw: Record<string, unknown>;
}

export interface ParseOptions {
  /** Top-level keys whose values are secret: shown as `[secret]` in messages. */
  secretKeys?: ReadonlySet<string>;
  /** This stack's name, for the cross-stack rules. @default "this stack" */
  stack?: string;
  /**
   * The other stacks of the repository, for the cross-stack rules; `[]` when this stack is the only one. The program
   * always passes them; without them the cross-stack phase is not run (a section's unit test judges one stack).
   * @default undefined
   */
  peers?: readonly RawStack[];
}

/** Validates one stack's raw config through the three phases. Throws {@link ConfigError} listing every problem. */
export function parseConfig<C>(model: ConfigModel<C>, raw: Record<string, unknown>, options: ParseOptions = {}): C {
  const secretKeys = options.secretKeys ?? new Set<string>();
  const own = parseSections(model, raw);
  const issues = [...own.issues];
  const add: AddIssue = (path, input, message) => issues.push({ code: "custom", path, input, message });

  for (const r of model.rules) {
    if (runnable(r.reads, own.invalid)) r.check(readOnly(own.config, r.name, r.reads), add);
  }

  if (options.peers !== undefined) {
    const peers = options.peers.map((p) => ({ stack: p.stack, ...parseSections(model, p.raw) }));
    for (const r of model.crossStackRules) {
      if (!runnable(r.reads, own.invalid)) continue;
      const self: StackView<C> = {
        stack: options.stack ?? "this stack",
        config: readOnly(own.config, r.name, r.reads),
      };
      const valid = peers
        .filter((p) => runnable(r.reads, p.invalid))
        .map((p): StackView<C> => ({ stack: p.stack, config: readOnly(p.config, r.name, r.reads) }));
      r.check(self, valid, add);
    }
  }

  if (issues.length === 0) return own.config;
  const described = issues.flatMap((issue) => describe(issue, secretKeys));
  const first = new Map<string, DocumentPath>();
  for (const d of described) if (!first.has(d.text)) first.set(d.text, d.path);
  throw new ConfigError([...first.keys()], [...first.values()]);
}
