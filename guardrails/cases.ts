/**
 * Cases as data. Each rule `rules/<area>/<Rule>.ts` has `<Rule>.cases.ts` beside it, exporting `cases`: resources
 * and the exact findings `evaluate` returns for them. The area's test runs them; `rulebook.test.ts` checks that every
 * rule has at least one of each kind. Write them AWSGuard style: a happy path, then one field changed per case.
 */
import type { ResourceView } from "./types";

export interface NoncompliantCase {
  /** What is wrong, in a few words (the test title). */
  name: string;
  resources: readonly ResourceView[];
  /** Every finding, exactly and in order, as `<type> <name>: <message>`. */
  findings: readonly string[];
}

export interface CompliantCase {
  /** What is right, in a few words (the test title). */
  name: string;
  /** Resources on which the rule reports nothing. */
  resources: readonly ResourceView[];
}

export interface RuleCases {
  noncompliant: readonly NoncompliantCase[];
  compliant: readonly CompliantCase[];
}

export const view = (
  type: string,
  inputs: Record<string, unknown>,
  name = "r",
  parent: string | null = null,
): ResourceView => ({ type, name, parent, inputs });

/** The happy path with some inputs changed (an input set to `undefined` is unset), optionally under another name. */
export const mutate = (
  resource: ResourceView,
  inputs: Record<string, unknown>,
  name = resource.name,
): ResourceView => ({
  ...resource,
  name,
  inputs: { ...resource.inputs, ...inputs },
});

/** An IAM policy document as JSON text, the way the components pass it. */
export const policyJson = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
