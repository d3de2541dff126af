/**
 * `atlas-access:aws`: the AWS account and the IAM connection roles used for Atlas MONGODB-AWS authentication, and
 * the rules that relate them to each other and to the environment's database and clusters.
 */
import { z } from "zod";
import type { CoreConfig } from "../../config/core";
import { crossStackRule, rule } from "../../config/rules";
import { accountId, clusterName, databaseName, list, strictObject, uniqueList } from "../../config/schema";
import { ALLOWED_DATABASE_ROLES, SYSTEM_DATABASES, isAnyDatabaseRole, isSystemDatabase } from "../../domain/atlas";
import { EKS_CLUSTER_ARN, ORG_ID, REGION, ROLE_NAME, roleArnAtRoot } from "../../domain/aws";
import { NAMESPACE_NAME, SERVICE_ACCOUNT_NAME } from "../../domain/kubernetes";
import { nameExceptionProblem, principalProblem } from "./principals";

/** A Kubernetes service account (namespace and name) that EKS Pod Identity may assume the role for. */
const serviceAccount = strictObject({
  /** The service account's namespace: the `kubernetes-namespace` session tag the trust statement requires. */
  namespace: z.string().regex(NAMESPACE_NAME, { error: "must be a Kubernetes namespace name (RFC 1123 label)" }),
  /** The service account's name: the `kubernetes-service-account` session tag the trust statement requires. */
  name: z.string().regex(SERVICE_ACCOUNT_NAME, {
    error: "must be a Kubernetes service account name: lowercase letters, digits, '-' and '.'",
  }),
});

export const connectionSchema = strictObject({
  /** IAM role name of the connection role (created at path `/`). */
  name: z.string().regex(ROLE_NAME, { error: "must be an IAM role name: 1-64 of A-Z a-z 0-9 + = , . @ _ -" }),
  /**
   * Workload role ARNs allowed to assume the connection role: exact role ARNs, same account unless `crossAccount`
   * lists theirs. IAM role names are case-insensitive, so two ARNs differing only in case are duplicates.
   */
  allowedPrincipals: uniqueList(z.string(), (p) => p.toLowerCase()).min(1, {
    error: "must list at least one workload role ARN that may assume the connection role",
  }),
  /** Database roles of the Atlas user bound to the role: `read`/`readWrite` on this stack's environment database. */
  roles: uniqueList(
    strictObject({
      /** A built-in role: `read` or `readWrite` (an application user may also hold one of its `roleOptIns`). */
      role: z.string(),
      /** This stack's environment database (`atlas.environmentDatabases.<environment>`). */
      database: databaseName,
    }),
    (r) => `${r.role}@${r.database}`,
  ).min(1, {
    error: "must grant at least one role, e.g. { role: readWrite, database: <this environment's database> }",
  }),
  /** Clusters the Atlas user may reach (required: no scopes means every cluster of the project). */
  scopes: uniqueList(clusterName).min(1, {
    error: "must name at least one cluster: an Atlas user without scopes may reach every cluster of the project",
  }),
  /**
   * Other accounts whose roles may be listed in `allowedPrincipals`. Their statement carries
   * `aws:PrincipalOrgID` = `principalOrgId`. @default undefined (same-account principals only)
   */
  crossAccount: strictObject({
    /** 12-digit account ids other than `aws.accountId`. */
    accountIds: uniqueList(accountId).min(1, {
      error: "must list at least one other account id, or remove crossAccount",
    }),
    /** The AWS Organizations id both accounts belong to, e.g. `o-a1b2c3d4e5`. */
    principalOrgId: z.string().regex(ORG_ID, { error: "must be an AWS Organizations id such as o-a1b2c3d4e5" }),
  }).optional(),
  /**
   * EKS Pod Identity may assume the role for pods of these service accounts in these clusters (same account): one
   * trust statement per service account, conditioned on `aws:SourceAccount`, `aws:SourceArn` (the clusters) and the
   * session tags `kubernetes-namespace` and `kubernetes-service-account`. @default undefined (no Pod Identity statement)
   */
  eksPodIdentity: strictObject({
    /** ARNs of the EKS clusters (in this account) whose pods may assume the role. */
    clusterArns: uniqueList(
      z.string().regex(EKS_CLUSTER_ARN, {
        error: "must be an EKS cluster ARN such as arn:aws:eks:eu-west-1:111122223333:cluster/apps",
      }),
    ).min(1, { error: "must list at least one EKS cluster ARN, or remove eksPodIdentity" }),
    /** The service accounts whose pods may assume the role: one trust statement each. */
    serviceAccounts: uniqueList(serviceAccount, (s) => `${s.namespace}/${s.name}`).min(1, {
      error:
        "must name at least one service account ({ namespace, name }): without it any pod of the clusters whose service account is associated with the role could assume it",
    }),
  }).optional(),
  /**
   * The rare allowed principal whose name reads like a person's or an administrator's role (`admin`, `developer`,
   * `break-glass`…) but which is a workload's role, each with the reason a reviewer can check. Never accepted for an
   * IAM Identity Center role or OrganizationAccountAccessRole. @default []
   */
  nameExceptions: uniqueList(
    strictObject({
      /** The allowed principal (as written in `allowedPrincipals`) whose name reads like a person's. */
      principal: z.string(),
      /** Which workload the role belongs to, in at least 20 characters: what a reviewer checks. */
      reason: z.string().min(20, { error: "must say, in at least 20 characters, which workload the role belongs to" }),
    }),
    (e) => e.principal.toLowerCase(),
  ).default([]),
});
export type ConnectionConfig = z.infer<typeof connectionSchema>;

/** `atlas-access:aws` (shared with the audit area, which watches every connection role). */
export const awsSchema = strictObject({
  /** The AWS account id (12 digits) that holds the connection roles and the audit trail. */
  accountId,
  /** Home region of the audit resources. */
  region: z.string().regex(REGION, { error: "must be an AWS region such as eu-west-1" }),
  /** One connection role per application; role names are unique (IAM names are case-insensitive). */
  connections: uniqueList(connectionSchema, (c) => c.name.toLowerCase()),
});
export type AwsConfig = z.infer<typeof awsSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const connectionSections = { aws: awsSchema.optional() };

/** What the connection rules read. */
export type ConnectionRuleInput = CoreConfig & { aws?: AwsConfig };

const eachConnection = (
  aws: AwsConfig | undefined,
  visit: (c: ConnectionConfig, at: (...rest: PropertyKey[]) => PropertyKey[]) => void,
) => aws?.connections.forEach((c, i) => visit(c, (...rest) => ["aws", "connections", i, ...rest]));

export const connectionRules = [
  rule<ConnectionRuleInput>({
    name: "connection principals and roles",
    reads: ["aws"],
    check({ aws }, add) {
      if (!aws) return;
      const connectionArns = new Set(aws.connections.map((c) => roleArnAtRoot(aws.accountId, c.name).toLowerCase()));
      eachConnection(aws, (c, at) => {
        const exceptions = c.nameExceptions.map((e) => e.principal);
        c.allowedPrincipals.forEach((p, j) => {
          const problem = principalProblem(p, aws.accountId, c.crossAccount, exceptions);
          if (problem) add(at("allowedPrincipals", j), p, problem);
          else if (connectionArns.has(p.toLowerCase())) {
            add(
              at("allowedPrincipals", j),
              p,
              "is a connection role of this stack: connection roles have no permissions and trust only workload roles",
            );
          }
        });
        c.nameExceptions.forEach((e, j) => {
          const problem = nameExceptionProblem(e.principal, c.allowedPrincipals);
          if (problem) add(at("nameExceptions", j, "principal"), e.principal, problem);
        });
        c.crossAccount?.accountIds.forEach((id, j) => {
          if (id === aws.accountId) {
            add(
              at("crossAccount", "accountIds", j),
              id,
              `is the connection role's own account (aws.accountId); list only other accounts`,
            );
          }
        });
        c.eksPodIdentity?.clusterArns.forEach((arn, j) => {
          const account = EKS_CLUSTER_ARN.exec(arn)?.[2];
          if (account !== undefined && account !== aws.accountId) {
            add(
              at("eksPodIdentity", "clusterArns", j),
              arn,
              `is in account ${account}, not ${aws.accountId}; Pod Identity is accepted only for clusters in the connection role's account`,
            );
          }
        });
        c.roles.forEach((r, j) => {
          if (isAnyDatabaseRole(r.role) || r.role === "atlasAdmin") {
            add(
              at("roles", j, "role"),
              r.role,
              "reaches every database of the cluster (or administers it); use read or readWrite on this environment's database",
            );
          } else if (!(ALLOWED_DATABASE_ROLES as readonly string[]).includes(r.role)) {
            add(at("roles", j, "role"), r.role, `must be one of: ${list(ALLOWED_DATABASE_ROLES)}`);
          }
        });
      });
    },
  }),
  rule<ConnectionRuleInput>({
    name: "connection databases and scopes",
    reads: ["environment", "atlas", "aws"],
    check({ environment, atlas, aws }, add) {
      const envDb = atlas.environmentDatabases[environment];
      eachConnection(aws, (c, at) => {
        c.roles.forEach((r, j) => {
          if (isSystemDatabase(r.database)) {
            add(
              at("roles", j, "database"),
              r.database,
              `is a system database (${list(SYSTEM_DATABASES)}); grant roles only on ${envDb}, the ${environment} database`,
            );
          } else if (r.database !== envDb) {
            add(
              at("roles", j, "database"),
              r.database,
              `is not this stack's environment database; a ${environment} connection may only reach ${envDb} (atlas.environmentDatabases.${environment})`,
            );
          }
        });
        c.scopes.forEach((s, j) => {
          if (!atlas.clusters.includes(s)) {
            add(
              at("scopes", j),
              s,
              `is not a cluster of the project; expected one of: ${list(atlas.clusters)} (atlas.clusters)`,
            );
          }
        });
      });
    },
  }),
];

/** Every AWS principal `config` trusts, lowercased (IAM role names are case-insensitive), with where it is. */
function trustedBy(aws: AwsConfig | undefined): Map<string, { connection: string; at: PropertyKey[]; shown: string }> {
  const out = new Map<string, { connection: string; at: PropertyKey[]; shown: string }>();
  eachConnection(aws, (c, at) => {
    c.allowedPrincipals.forEach((p, j) =>
      out.set(p.toLowerCase(), { connection: c.name, at: at("allowedPrincipals", j), shown: p }),
    );
    c.eksPodIdentity?.serviceAccounts.forEach((sa, j) => {
      for (const cluster of c.eksPodIdentity?.clusterArns ?? []) {
        const shown = `${sa.namespace}/${sa.name} in ${cluster}`;
        out.set(`pod:${shown}`, { connection: c.name, at: at("eksPodIdentity", "serviceAccounts", j), shown });
      }
    });
  });
  return out;
}

export const connectionCrossStackRules = [
  crossStackRule<ConnectionRuleInput>({
    name: "no AWS principal allowed by two stacks",
    reads: ["aws"],
    check(self, peers, add) {
      const mine = trustedBy(self.config.aws);
      for (const peer of peers) {
        for (const [key, theirs] of trustedBy(peer.config.aws)) {
          const ours = mine.get(key);
          if (ours === undefined) continue;
          add(
            ours.at,
            ours.shown,
            `is also allowed by stack ${peer.stack} (connection ${theirs.connection}): a workload may reach one environment ` +
              "only, or one environment's workload could reach the other's database; give each stack its own workload role or service account",
          );
        }
      }
    },
  }),
];
