/** Helpers for the rule tests (cdk-nag style: Noncompliance cases with exact messages, a Compliance case with none). */
import { evaluate } from "./evaluate";
import type { ResourceView, Rule } from "./types";

export const view = (
  type: string,
  inputs: Record<string, unknown>,
  name = "r",
  parent: string | null = null,
): ResourceView => ({ type, name, parent, inputs });

/** Runs one rule through `evaluate` (the path the plan uses) and returns `<type> <name>: <message>` lines. */
export const findingsOf = (rule: Rule, ...resources: ResourceView[]): string[] =>
  evaluate(resources, [rule]).map((f) => `${f.resource}: ${f.message}`);

export const policyJson = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
