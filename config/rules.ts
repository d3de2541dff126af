/**
 * Rules that relate values: fields of one section to each other, or sections to sections. They run in the second
 * phase of validation, after every section was checked alone, and only ever see sections that are valid: a rule
 * names the sections it reads, and it is skipped while any of them is invalid (that section's own problem is
 * reported instead, once).
 */

/** Reports a problem at `path` (relative to `atlas-access:`), showing `input` as the bad value. */
export type AddIssue = (path: readonly PropertyKey[], input: unknown, message: string) => void;

/** A rule over one stack's config. `C` is the part of the config the rule is written against. */
export interface ConfigRule<C> {
  /** A short name, shown when the rule misbehaves (reads a section it did not declare). */
  name: string;
  /** The top-level sections the rule reads; reading any other throws. */
  reads: readonly (keyof C & string)[];
  /** Reports every problem through `add`; absent optional sections are `undefined`. */
  check(config: C, add: AddIssue): void;
}

/** One stack's valid config, as a cross-stack rule sees it. */
export interface StackView<C> {
  /** The stack name (`Pulumi.<stack>.yaml`). */
  stack: string;
  config: C;
}

/**
 * A rule over the stacks of one repository: this stack against its peers (the other `Pulumi.<stack>.yaml` files
 * beside it). Peers whose read sections are invalid are left out; their own run reports them.
 */
export interface CrossStackRule<C> {
  name: string;
  reads: readonly (keyof C & string)[];
  check(self: StackView<C>, peers: readonly StackView<C>[], add: AddIssue): void;
}

/**
 * Declares a rule. The identity function exists for the type: `reads` is checked against `C`, and the rule can be
 * listed beside rules written against other parts of the config.
 */
export const rule = <C>(r: ConfigRule<C>): ConfigRule<C> => r;
export const crossStackRule = <C>(r: CrossStackRule<C>): CrossStackRule<C> => r;
