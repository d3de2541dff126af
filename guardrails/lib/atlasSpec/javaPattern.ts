/**
 * The Admin API's `pattern`s are Java regular expressions (the spec is generated from the service's Java validation
 * annotations). The difference that matters: Java accepts escaped punctuation that JavaScript's unicode mode rejects
 * (`\:`, `\-` outside a class, as in the access-list patterns); such identity escapes are unescaped.
 * Matching stays a search, as JSON Schema defines `pattern`, not Java's whole-value `Pattern.matches`: the access-list
 * `cidrBlock` pattern only allows `%2F` before the prefix length, and Atlas accepts `192.0.2.0/24` in a request body,
 * which a whole-value match would refuse.
 * `\p{L}`/`\p{N}` mean the same in both (JavaScript with the `u` flag).
 */
const SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

export function javaPattern(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      const identity = !/[A-Za-z0-9]/.test(next) && !SYNTAX.has(next) && !(inClass && next === "-");
      out += identity ? next : c + next;
      i++;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}
