/** The Pulumi project name: every key of this program's config is `atlas-access:<key>`, every component token `atlas-access:<module>:<Type>`. */
export const PROJECT = "atlas-access";
