import * as fs from "fs";
import * as path from "path";
import { FilterPatternError, matches, parseFilterPattern, wildcardMatches } from "./filterPattern";
import type { EvaluateOptions } from "./filterPattern";
import { CIS_PATTERNS } from "../../areas/audit/patterns";

const BOTH: EvaluateOptions[] = [{ absentNotEquals: "match" }, { absentNotEquals: "noMatch" }];
const strict: EvaluateOptions = { absentNotEquals: "noMatch" };

/** Patterns AWS documents, copied verbatim into a fixture (its `source` names the pages). */
const documented = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "documented-filter-patterns.json"), "utf8"),
) as {
  securityHubControls: { control: string; pattern: string }[];
  otherDocumentedPatterns: string[];
  assumeRoleTemplate: string;
};

describe("the filter patterns AWS documents", () => {
  it("all parse: the 14 Security Hub patterns, the CIS v1.5+ unauthorized-calls variant and the base MFA pattern", () => {
    const all = [...documented.securityHubControls.map((c) => c.pattern), ...documented.otherDocumentedPatterns];
    expect(all).toHaveLength(16);
    for (const p of all) expect(() => parseFilterPattern(p)).not.toThrow();
  });

  it("the AssumeRole detector template parses", () => {
    expect(() => parseFilterPattern(documented.assumeRoleTemplate)).not.toThrow();
  });

  it("the component's CIS set is Security Hub's, character for character", () => {
    const byControl = (a: { control: string }, b: { control: string }) => a.control.localeCompare(b.control);
    expect(CIS_PATTERNS.map((c) => ({ control: c.control, pattern: c.pattern })).sort(byControl)).toEqual(
      [...documented.securityHubControls].sort(byControl),
    );
  });
});

describe("parseFilterPattern: structure", () => {
  it("gives && precedence over || (CIS v1.5 unauthorized-calls pattern)", () => {
    expect(parseFilterPattern('{ ($.a = "x") || ($.b = "y") && ($.c != "z") }')).toEqual({
      type: "or",
      operands: [
        { type: "compare", selector: ["a"], op: "=", value: { kind: "string", text: "x" } },
        {
          type: "and",
          operands: [
            { type: "compare", selector: ["b"], op: "=", value: { kind: "string", text: "y" } },
            { type: "compare", selector: ["c"], op: "!=", value: { kind: "string", text: "z" } },
          ],
        },
      ],
    });
  });

  it("reads array indexes, bare words, numbers, NOT EXISTS and IS NULL/TRUE/FALSE", () => {
    expect(
      parseFilterPattern(
        "{$.resources[0].ARN=abc.def && $.n>=3 && $.x NOT EXISTS && $.y IS NULL && $.z IS TRUE && $.w IS FALSE}",
      ),
    ).toEqual({
      type: "and",
      operands: [
        { type: "compare", selector: ["resources", 0, "ARN"], op: "=", value: { kind: "string", text: "abc.def" } },
        { type: "order", selector: ["n"], op: ">=", value: 3 },
        { type: "notExists", selector: ["x"] },
        { type: "is", selector: ["y"], what: "NULL" },
        { type: "is", selector: ["z"], what: "TRUE" },
        { type: "is", selector: ["w"], what: "FALSE" },
      ],
    });
  });
});

describe("parseFilterPattern: rejects what it does not understand, naming the position", () => {
  it.each([
    ['$.a = "x"', 'expected "{" at character 0'],
    ['{ $.a = "x" ', 'expected "}" at character 12'],
    ['{ $.a = "x" } extra', "unexpected text after the closing brace at character 14"],
    ['{ $.a = "x }', "unterminated quoted string at character 8"],
    ["{ $.a = %ab+% }", "regular expressions (%...%) are not supported by this evaluator at character 8"],
    ["{ $.a EXISTS }", "expected =, !=, <, <=, >, >=, NOT EXISTS or IS at character 6"],
    ["{ $.a IS NOT NULL }", "expected NULL, TRUE or FALSE after IS at character 9"],
    ["{ $.a NOT NULL }", "expected EXISTS at character 10"],
    ["{ $.a > x }", "> needs a number at character 8"],
    ['{ $.a = "x\\"y" }', "backslash escapes are not supported inside a quoted string at character 8"],
    ['{ ($.a = "x" }', 'expected ")" at character 13'],
    ['{ $ = "x" }', "a selector must name a field, e.g. $.eventName at character 2"],
    ['{ "x" = $.a }', 'expected a selector ($.field) or "(" at character 2'],
    ["{ $.a = }", "expected a value at character 8"],
    ['{ $.a == "x" }', "expected a value at character 7"],
    ['{ $.a = "x" & $.b = "y" }', 'unexpected character "&" at character 12'],
  ])("%s", (pattern, message) => {
    expect(() => parseFilterPattern(pattern)).toThrow(
      new FilterPatternError(message.replace(/ at character \d+$/, ""), Number(/\d+$/.exec(message)?.[0])),
    );
    expect(() => parseFilterPattern(pattern)).toThrow(message);
  });
});

describe("evaluate", () => {
  const event = {
    eventName: "AssumeRole",
    errorCode: "AccessDenied",
    count: 3,
    flag: true,
    nothing: null,
    userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/alice" },
    resources: [{ ARN: "arn:aws:iam::111122223333:role/x" }],
  };

  it("compares strings exactly and case-sensitively", () => {
    expect(matches('{ $.eventName = "AssumeRole" }', event, strict)).toBe(true);
    expect(matches('{ $.eventName = "assumerole" }', event, strict)).toBe(false);
    expect(matches('{ $.eventName = "AssumeRol" }', event, strict)).toBe(false);
    expect(matches("{ $.eventName = AssumeRole }", event, strict)).toBe(true);
  });

  it("treats * as a wildcard for any run of characters, and nothing else as special", () => {
    expect(wildcardMatches("AccessDenied*", "AccessDenied")).toBe(true);
    expect(wildcardMatches("*UnauthorizedOperation", "Client.UnauthorizedOperation")).toBe(true);
    expect(wildcardMatches("AssumeRole*", "AssumeRoleWithWebIdentity")).toBe(true);
    expect(wildcardMatches("AssumeRole*", "AssumeRoot")).toBe(false);
    expect(wildcardMatches("a.c", "abc")).toBe(false);
    expect(wildcardMatches("a+c", "a+c")).toBe(true);
  });

  it("!= on a present field is the negation of =", () => {
    expect(matches('{ $.userIdentity.type != "IAMUser" }', event, strict)).toBe(false);
    expect(matches('{ $.userIdentity.type != "AssumedRole" }', event, strict)).toBe(true);
  });

  it("!= on an absent field follows the chosen option (the documentation is silent)", () => {
    expect(
      matches('{ $.userIdentity.sessionContext.sessionIssuer.arn != "x" }', event, { absentNotEquals: "match" }),
    ).toBe(true);
    expect(
      matches('{ $.userIdentity.sessionContext.sessionIssuer.arn != "x" }', event, { absentNotEquals: "noMatch" }),
    ).toBe(false);
  });

  it("= on an absent field never matches, under either option", () => {
    for (const o of BOTH) expect(matches('{ $.missing = "*" }', event, o)).toBe(false);
  });

  it("NOT EXISTS is true only for an absent field (null exists)", () => {
    expect(matches("{ $.userIdentity.sessionContext NOT EXISTS }", event, strict)).toBe(true);
    expect(matches("{ $.userIdentity.type NOT EXISTS }", event, strict)).toBe(false);
    expect(matches("{ $.nothing NOT EXISTS }", event, strict)).toBe(false);
    expect(matches("{ $.nothing IS NULL }", event, strict)).toBe(true);
    expect(matches("{ $.missing IS NULL }", event, strict)).toBe(false);
  });

  it("IS TRUE / IS FALSE, numbers and array indexes", () => {
    expect(matches("{ $.flag IS TRUE }", event, strict)).toBe(true);
    expect(matches("{ $.flag IS FALSE }", event, strict)).toBe(false);
    expect(matches("{ $.count >= 3 && $.count < 4 && $.count = 3 }", event, strict)).toBe(true);
    expect(matches("{ $.count > 3 }", event, strict)).toBe(false);
    expect(matches("{ $.eventName > 3 }", event, strict)).toBe(false);
    expect(matches('{ $.resources[0].ARN = "arn:aws:iam::111122223333:role/x" }', event, strict)).toBe(true);
    expect(matches('{ $.resources[1].ARN = "*" }', event, strict)).toBe(false);
  });

  it("applies && before || (a || b && c is a || (b && c))", () => {
    expect(matches('{ ($.eventName = "AssumeRole") || ($.errorCode = "x") && ($.count = 99) }', event, strict)).toBe(
      true,
    );
    expect(matches('{ (($.eventName = "AssumeRole") || ($.errorCode = "x")) && ($.count = 99) }', event, strict)).toBe(
      false,
    );
  });

  it("CIS 4.1 matches AccessDenied and *UnauthorizedOperation errors only", () => {
    const cis41 = '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}';
    expect(matches(cis41, { errorCode: "Client.UnauthorizedOperation" }, strict)).toBe(true);
    expect(matches(cis41, { errorCode: "AccessDeniedException" }, strict)).toBe(true);
    expect(matches(cis41, { errorCode: "ThrottlingException" }, strict)).toBe(false);
    expect(matches(cis41, {}, strict)).toBe(false);
  });
});
