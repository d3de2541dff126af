import { z } from "zod";
import type { AddIssue, StackConfig } from "../../program/config";
import { atlasSchema } from "../../config/atlas";
import { clusterName, databaseName, strictObject, uniqueList } from "../../config/schema";
import { EKS_CLUSTER_ARN, ORG_ID, principalProblem, roleArnAtRoot } from "./principals";
import { ALLOWED_DATABASE_ROLES as CONNECTION_DATABASE_ROLES } from "./args";

/** Databases no application user may be granted a role on. */
export { SYSTEM_DATABASES } from "../../guardrails/rules/atlas/roles";
import { SYSTEM_DATABASES } from "../../guardrails/rules/atlas/roles";

const accountIdSchema = z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id, e.g. 111122223333" });

/**
 * `atlas-access:aws`: the AWS account and the IAM connection roles used for Atlas MONGODB-AWS authentication.
 * The shape is shared with the audit component (it watches every connection role); the IAM connection issue
 * owns the validation rules (see components/aws/connection/README.md).
 */
export const connectionSchema = strictObject({
  /** IAM role name of the connection role (created at path `/`). */
  name: z
    .string()
    .regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, { error: "must be an IAM role name: 1-64 of A-Z a-z 0-9 + = , . @ _ -" }),
  /**
   * Workload role ARNs allowed to assume the connection role: exact role ARNs, same account unless `crossAccount`
   * lists theirs. IAM role names are case-insensitive, so two ARNs differing only in case are duplicates.
   */
  allowedPrincipals: uniqueList(z.string(), (p) => p.toLowerCase()).min(1, {
    error: "must list at least one workload role ARN that may assume the connection role",
  }),
  /** Database roles of the Atlas user bound to the role: `read`/`readWrite` on this stack's environment database. */
  roles: uniqueList(strictObject({ role: z.string(), database: databaseName }), (r) => `${r.role}@${r.database}`).min(
    1,
    {
      error: "must grant at least one role, e.g. { role: readWrite, database: <this environment's database> }",
    },
  ),
  /** Clusters the Atlas user may reach (required: no scopes means every cluster of the project). */
  scopes: uniqueList(clusterName).min(1, {
    error: "must name at least one cluster: an Atlas user without scopes may reach every cluster of the project",
  }),
  /**
   * Optional: other accounts whose roles may be listed in `allowedPrincipals`. Their statement carries
   * `aws:PrincipalOrgID` = `principalOrgId`. @default undefined (same-account principals only)
   */
  crossAccount: strictObject({
    /** 12-digit account ids other than `aws.accountId`. */
    accountIds: uniqueList(accountIdSchema).min(1, {
      error: "must list at least one other account id, or remove crossAccount",
    }),
    /** The AWS Organizations id both accounts belong to, e.g. `o-a1b2c3d4e5`. */
    principalOrgId: z.string().regex(ORG_ID, { error: "must be an AWS Organizations id such as o-a1b2c3d4e5" }),
  }).optional(),
  /**
   * Optional: EKS Pod Identity may assume the role for pods of these clusters (same account), with `aws:SourceAccount`
   * and `aws:SourceArn` conditions. @default undefined (no Pod Identity statement)
   */
  eksPodIdentity: strictObject({
    clusterArns: uniqueList(
      z.string().regex(EKS_CLUSTER_ARN, {
        error: "must be an EKS cluster ARN such as arn:aws:eks:eu-west-1:111122223333:cluster/apps",
      }),
    ).min(1, { error: "must list at least one EKS cluster ARN, or remove eksPodIdentity" }),
  }).optional(),
});
export type ConnectionConfig = z.infer<typeof connectionSchema>;

export const awsSchema = strictObject({
  /** The AWS account id (12 digits) that holds the connection roles and the audit trail. */
  accountId: accountIdSchema,
  /** Home region of the audit resources. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "must be an AWS region such as eu-west-1" }),
  /** One connection role per application; role names are unique (IAM names are case-insensitive). */
  connections: uniqueList(connectionSchema, (c) => c.name.toLowerCase()),
});
export type AwsConfig = z.infer<typeof awsSchema>;

/** Rules that need more than one field: principals vs account, roles vs environment, scopes vs clusters. */
export function checkAws(cfg: StackConfig, add: AddIssue): void {
  const aws = cfg.aws;
  if (!aws) return;
  // Judge only against sections that are themselves valid: a bad atlas section or account id is reported once,
  // where it is, instead of as a second problem on every connection.
  const atlasValid =
    atlasSchema.safeParse(cfg.atlas).success && (cfg.environment === "prod" || cfg.environment === "staging");
  const accountValid = accountIdSchema.safeParse(aws.accountId).success;
  const envDb = cfg.atlas.environmentDatabases[cfg.environment];
  const connectionArns = new Set(aws.connections.map((c) => roleArnAtRoot(aws.accountId, c.name).toLowerCase()));

  aws.connections.forEach((c, i) => {
    const at = (...rest: PropertyKey[]) => ["aws", "connections", i, ...rest];

    c.allowedPrincipals.forEach((p, j) => {
      if (!accountValid) return;
      const problem = principalProblem(p, aws.accountId, c.crossAccount);
      if (problem) add(at("allowedPrincipals", j), p, problem);
      else if (connectionArns.has(p.toLowerCase())) {
        add(
          at("allowedPrincipals", j),
          p,
          "is a connection role of this stack: connection roles have no permissions and trust only workload roles",
        );
      }
    });

    if (c.crossAccount) {
      c.crossAccount.accountIds.forEach((id, j) => {
        if (accountValid && id === aws.accountId) {
          add(
            at("crossAccount", "accountIds", j),
            id,
            `is the connection role's own account (aws.accountId); list only other accounts`,
          );
        }
      });
    }

    c.eksPodIdentity?.clusterArns.forEach((arn, j) => {
      const account = EKS_CLUSTER_ARN.exec(arn)?.[2];
      if (accountValid && account !== undefined && account !== aws.accountId) {
        add(
          at("eksPodIdentity", "clusterArns", j),
          arn,
          `is in account ${account}, not ${aws.accountId}; Pod Identity is accepted only for clusters in the connection role's account`,
        );
      }
    });

    c.roles.forEach((r, j) => {
      if (/AnyDatabase$/.test(r.role) || r.role === "atlasAdmin") {
        add(
          at("roles", j, "role"),
          r.role,
          "reaches every database of the cluster (or administers it); use read or readWrite on this environment's database",
        );
      } else if (!(CONNECTION_DATABASE_ROLES as readonly string[]).includes(r.role)) {
        add(at("roles", j, "role"), r.role, `must be one of: ${CONNECTION_DATABASE_ROLES.join(", ")}`);
      }
      if ((SYSTEM_DATABASES as readonly string[]).includes(r.database)) {
        add(
          at("roles", j, "database"),
          r.database,
          `is a system database (${SYSTEM_DATABASES.join(", ")}); grant roles only on ${atlasValid ? `${envDb}, the ${cfg.environment} database` : "this environment's database"}`,
        );
      } else if (atlasValid && r.database !== envDb) {
        add(
          at("roles", j, "database"),
          r.database,
          `is not this stack's environment database; a ${cfg.environment} connection may only reach ${envDb} (atlas.environmentDatabases.${cfg.environment})`,
        );
      }
    });

    c.scopes.forEach((s, j) => {
      if (atlasValid && !cfg.atlas.clusters.includes(s)) {
        add(
          at("scopes", j),
          s,
          `is not a cluster of the project; expected one of: ${cfg.atlas.clusters.join(", ")} (atlas.clusters)`,
        );
      }
    });
  });
}
