/** The Pulumi project name: every key of this program's config is `atlas-access:<key>`, every component token `atlas-access:<module>:<Type>`. */
export const PROJECT = "atlas-access";

/** The long-lived environments: each is one stack, owns one database, and names its own workload roles. */
export const ENVIRONMENTS = ["prod", "staging"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** A Pulumi stack name as this project uses it (`Pulumi.<stack>.yaml`): letters, digits, `-`, `_` and `.`. */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
