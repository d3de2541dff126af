/** The command lines' one way of wording a `util.parseArgs` refusal: what is wrong, in one line, with a suggestion. */
import { didYouMean } from "../config/suggest";

/** Whether `error` is `util.parseArgs` refusing the arguments (an unknown option, a missing value, …). */
export const isParseArgsError = (error: unknown): error is TypeError & { code: string } =>
  error instanceof TypeError && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_");

/** The usage problem of a `util.parseArgs` refusal in one line; a mistyped option gets the closest of `options`. */
export function usageProblem(error: unknown, options: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const close = didYouMean(option.replace(/^-+/, ""), options);
    return `unknown option ${option}${close ? ` (did you mean --${close}?)` : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${option} needs a value`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `unexpected argument ${JSON.stringify(/'([^']*)'/.exec(message)?.[1] ?? "")}`;
  }
  return message;
}
