/**
 * What a component tells a reviewer about the access it grants, in plain words: the plan prints it and the
 * stack exports it (`pulumi stack output accessSummary`). Never holds a secret.
 */
export interface AccessSummary {
  /** The component's type token, e.g. `atlas-access:aws:ConnectionRole`. */
  component: string;
  /** The component's resource name. */
  name: string;
  /** One line per fact: "who can assume `x`: ...", "syrf_staging_app: readWrite@syrf_staging on [shared]". */
  lines: string[];
}
