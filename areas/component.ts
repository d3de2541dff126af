import type { AccessSummary } from "../domain/summary";

/**
 * What every component of every area shares: one way to check arguments. A component collects every problem of its
 * arguments with {@link ArgsCheck.bad}, then calls {@link ArgsCheck.throwIfAny} before `super`, so a bad argument
 * registers nothing (not even the component) and the error lists every problem at once.
 */

/** Thrown by a component constructor before anything is registered. */
export class ArgumentsError extends Error {
  constructor(
    /** The component's type name, e.g. `ConnectionRole`. */
    readonly component: string,
    /** The resource name the component was given. */
    readonly resourceName: string,
    /** One line per problem: `args.<arg>: got <value>; <what would be accepted>`. */
    readonly problems: readonly string[],
  ) {
    super(
      `${component} "${resourceName}": invalid arguments; nothing was created:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ArgumentsError";
  }
}

/** Collects argument problems; see the module comment. */
export class ArgsCheck {
  readonly problems: string[] = [];

  /** Records `args.<arg>: got <value>; <fix>`. */
  bad(arg: string, value: unknown, fix: string): void {
    this.problems.push(`args.${arg}: got ${JSON.stringify(value)}; ${fix}`);
  }

  /** Records a problem whose value must not be shown (it may carry a token). */
  badHidden(arg: string, fix: string): void {
    this.problems.push(`args.${arg}: ${fix} (value not shown)`);
  }

  /** Checks `condition`, recording the problem when it is false. */
  expect(condition: boolean, arg: string, value: unknown, fix: string): void {
    if (!condition) this.bad(arg, value, fix);
  }

  /** Throws {@link ArgumentsError} when any problem was recorded. */
  throwIfAny(component: string, resourceName: string): void {
    if (this.problems.length > 0) throw new ArgumentsError(component, resourceName, this.problems);
  }
}

/** What an area's `declare…` function hands the composition root. Plain data only: never a secret. */
export interface DeclaredArea {
  /** One summary per component, in declaration order, for the plan and the stack outputs. */
  summaries: AccessSummary[];
  /** Stack outputs this area adds. */
  outputs: Record<string, unknown>;
}
