import { ALLOWED_DATABASE_ROLES, SYSTEM_DATABASES, isSystemDatabase } from "../../domain/atlas";
import { ACCOUNT_ID, EKS_CLUSTER_ARN, ROLE_NAME } from "../../domain/aws";
import { NAMESPACE_NAME, SERVICE_ACCOUNT_NAME } from "../../domain/kubernetes";
import { ArgsCheck } from "../component";
import { type CrossAccount, principalProblem } from "./principals";

export type ConnectionDatabaseRole = (typeof ALLOWED_DATABASE_ROLES)[number];

/** The service accounts EKS Pod Identity may assume a connection role for, and the clusters they run in. */
export interface PodIdentity {
  clusterArns: readonly string[];
  serviceAccounts: readonly { namespace: string; name: string }[];
}

/** Arguments of {@link ConnectionRole}. Everything is plain data from the validated stack config. */
export interface ConnectionRoleArgs {
  /** 12-digit AWS account id that holds the role; same-account principals are trusted without conditions. */
  accountId: string;
  /** IAM role name; the role is created at path `/` with exactly this name (no auto-naming: Atlas matches it). */
  roleName: string;
  /** Exact workload role ARNs allowed to `sts:AssumeRole` (at least one; no wildcard, root, session or user). */
  allowedPrincipals: readonly string[];
  /**
   * Other accounts whose roles may appear in `allowedPrincipals`; their statement requires `aws:PrincipalOrgID`.
   * @default undefined (same-account principals only)
   */
  crossAccount?: CrossAccount;
  /**
   * EKS Pod Identity may assume the role for these service accounts in these clusters (same account): one trust
   * statement per service account. @default undefined (no Pod Identity statement)
   */
  eksPodIdentity?: PodIdentity;
  /**
   * Allowed principals whose name reads like a person's or an administrator's role but which are declared workload
   * roles (see `principalProblem`). @default []
   */
  nameExceptions?: readonly string[];
  /** Atlas project id of the database user. */
  projectId: string;
  /** Roles of the Atlas user: `read` or `readWrite` on a named, non-system database. At least one. */
  roles: readonly { role: ConnectionDatabaseRole | string; database: string }[];
  /** Clusters the Atlas user may reach. At least one (no scopes would mean every cluster of the project). */
  scopes: readonly string[];
  /** The cluster's SRV host, for the connection-string template. */
  clusterHost: string;
  /** The database named in the connection-string template. */
  database: string;
}

/**
 * Checks `args` (the stack config enforces the same rules with config key paths; this guards direct use of the
 * component) and returns the collected problems.
 */
export function checkConnectionRoleArgs(args: ConnectionRoleArgs): ArgsCheck {
  const check = new ArgsCheck();
  const bad = check.bad.bind(check);
  if (!ACCOUNT_ID.test(args.accountId)) bad("accountId", args.accountId, "must be a 12-digit AWS account id");
  if (!ROLE_NAME.test(args.roleName))
    bad("roleName", args.roleName, "must be an IAM role name: 1-64 of A-Z a-z 0-9 + = , . @ _ -");
  if (args.allowedPrincipals.length === 0)
    bad("allowedPrincipals", args.allowedPrincipals, "must list at least one workload role ARN");
  const seen = new Set<string>();
  args.allowedPrincipals.forEach((p, i) => {
    const problem = principalProblem(p, args.accountId, args.crossAccount, args.nameExceptions);
    if (problem) bad(`allowedPrincipals[${i}]`, p, problem);
    if (seen.has(p.toLowerCase()))
      bad(`allowedPrincipals[${i}]`, p, "is listed twice; each principal must appear once");
    seen.add(p.toLowerCase());
  });
  if (args.eksPodIdentity) checkPodIdentity(check, args.eksPodIdentity, args.accountId);
  if (args.roles.length === 0) bad("roles", args.roles, "must grant at least one role");
  args.roles.forEach((r, i) => {
    if (!(ALLOWED_DATABASE_ROLES as readonly string[]).includes(r.role))
      bad(`roles[${i}].role`, r.role, `must be one of: ${ALLOWED_DATABASE_ROLES.join(", ")}`);
    if (isSystemDatabase(r.database))
      bad(`roles[${i}].database`, r.database, `must not be a system database (${SYSTEM_DATABASES.join(", ")})`);
  });
  if (args.scopes.length === 0)
    bad("scopes", args.scopes, "must name at least one cluster: no scopes means every cluster of the project");
  return check;
}

/** Clusters of this account and named service accounts, at least one of each. */
function checkPodIdentity(check: ArgsCheck, pod: PodIdentity, accountId: string): void {
  if (pod.clusterArns.length === 0)
    check.bad("eksPodIdentity.clusterArns", pod.clusterArns, "must list at least one EKS cluster ARN");
  pod.clusterArns.forEach((arn, i) => {
    if (EKS_CLUSTER_ARN.exec(arn)?.[2] !== accountId)
      check.bad(`eksPodIdentity.clusterArns[${i}]`, arn, `must be an EKS cluster ARN in account ${accountId}`);
  });
  if (pod.serviceAccounts.length === 0)
    check.bad("eksPodIdentity.serviceAccounts", pod.serviceAccounts, "must name at least one service account");
  pod.serviceAccounts.forEach((sa, i) => {
    if (!NAMESPACE_NAME.test(sa.namespace) || !SERVICE_ACCOUNT_NAME.test(sa.name))
      check.bad(`eksPodIdentity.serviceAccounts[${i}]`, sa, "must be a Kubernetes namespace and service account name");
  });
}
