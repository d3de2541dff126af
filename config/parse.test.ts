/** The phases of validation, on a small model: sections alone, rules over valid sections, cross-stack rules. */
import { z } from "zod";
import { ConfigError, type ConfigModel, keyPath, parseConfig } from "./parse";
import { crossStackRule, rule } from "./rules";

interface Cfg {
  a: { n: number };
  b?: { s: string };
}

const sections = { a: z.strictObject({ n: z.number() }), b: z.strictObject({ s: z.string() }).optional() };
const seen: string[] = [];

function model(overrides: Partial<ConfigModel<Cfg>> = {}): ConfigModel<Cfg> {
  return {
    sections,
    rules: [
      rule<Cfg>({
        name: "b.s names a",
        reads: ["a", "b"],
        check({ a, b }, add) {
          seen.push("b.s names a");
          if (b && b.s !== `a${a.n}`) add(["b", "s"], b.s, `must be a${a.n}`);
        },
      }),
    ],
    crossStackRules: [],
    ...overrides,
  };
}

const problems = (
  m: ConfigModel<Cfg>,
  raw: Record<string, unknown>,
  peers: { stack: string; raw: Record<string, unknown> }[] = [],
) => {
  try {
    parseConfig(m, raw, { stack: "self", peers });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

beforeEach(() => (seen.length = 0));

test("phase 1: each section alone, unknown top-level keys, every problem at once", () => {
  expect(problems(model(), { a: { n: "1" }, b: { s: 2 }, c: 3 })).toEqual([
    'atlas-access:a.n: got "1"; expected number',
    "atlas-access:b.s: got 2; expected string",
    "atlas-access:c: unknown key; accepted keys here: a, b",
  ]);
});

test("phase 2: a rule runs over valid sections, and absent optional sections are undefined", () => {
  expect(problems(model(), { a: { n: 1 }, b: { s: "a2" } })).toEqual(['atlas-access:b.s: got "a2"; must be a1']);
  expect(problems(model(), { a: { n: 1 } })).toEqual([]);
  expect(seen).toEqual(["b.s names a", "b.s names a"]);
});

test("phase 2: a rule is skipped while a section it reads is invalid (that section's problem is reported once)", () => {
  expect(problems(model(), { a: { n: "x" }, b: { s: "a2" } })).toEqual(['atlas-access:a.n: got "x"; expected number']);
  expect(seen).toEqual([]);
});

test("a rule that reads a section it did not declare is a bug, reported as such", () => {
  const sneaky = rule<Cfg>({ name: "sneaky", reads: ["a"], check: (cfg) => void cfg.b });
  expect(() => parseConfig(model({ rules: [sneaky] }), { a: { n: 1 } })).toThrow(
    'config rule "sneaky" reads section b without listing it in reads',
  );
});

test("phase 3: a cross-stack rule sees this stack and its valid peers only", () => {
  const sameN = crossStackRule<Cfg>({
    name: "a.n is unique across stacks",
    reads: ["a"],
    check(self, peers, add) {
      for (const p of peers)
        if (p.config.a.n === self.config.a.n) add(["a", "n"], self.config.a.n, `is also stack ${p.stack}'s`);
    },
  });
  const m = model({ crossStackRules: [sameN] });
  const peers = [
    { stack: "p1", raw: { a: { n: 1 } } },
    { stack: "p2", raw: { a: { n: "broken" } } },
    { stack: "p3", raw: { a: { n: 2 } } },
  ];
  expect(problems(m, { a: { n: 1 } }, peers)).toEqual(["atlas-access:a.n: got 1; is also stack p1's"]);
  expect(problems(m, { a: { n: 3 } }, peers)).toEqual([]);
});

test("keyPath writes a config path the way Pulumi names keys", () => {
  expect(keyPath(["aws", "connections", 0, "allowedPrincipals", 1])).toBe(
    "atlas-access:aws.connections[0].allowedPrincipals[1]",
  );
});

test("an unknown top-level key close to a section names it; every problem carries its place in the stack file", () => {
  try {
    parseConfig(model(), { a: { n: "1" }, bb: {}, zzz: 1 });
    throw new Error("expected a ConfigError");
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.problems).toEqual([
      'atlas-access:a.n: got "1"; expected number',
      "atlas-access:bb: unknown key; accepted keys here: a, b; did you mean b?",
      "atlas-access:zzz: unknown key; accepted keys here: a, b",
    ]);
    expect(err.paths).toEqual([
      ["config", "atlas-access:a", "n"],
      ["config", "atlas-access:bb"],
      ["config", "atlas-access:zzz"],
    ]);
  }
});
