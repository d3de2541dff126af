/**
 * Pure rules for the principals a connection role may trust. Shared by the config schema (`stacks/schema/aws.ts`)
 * and the component's own argument check, so the two can never disagree. No Pulumi import: tests call it directly.
 */

/** An IAM role ARN in the `aws` partition: account, optional path, name (IAM's own character rules). */
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\x21-\x7E]*\/)?)([A-Za-z0-9+=,.@_-]{1,64})$/;
/** An AWS Organizations organization id, e.g. `o-a1b2c3d4e5`. */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** An EKS cluster ARN, e.g. `arn:aws:eks:eu-west-1:111122223333:cluster/apps`. */
export const EKS_CLUSTER_ARN =
  /^arn:aws:eks:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):cluster\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})$/;

export const EXAMPLE_ROLE_ARN = "arn:aws:iam::111122223333:role/service-role/app-lambda";

/** A parsed workload role ARN. */
export interface RoleArn {
  accountId: string;
  /** `/` or `/service-role/` etc. */
  path: string;
  name: string;
}

export function parseRoleArn(arn: string): RoleArn | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1] as string, path: `/${m[2] ?? ""}`, name: m[3] as string };
}

/** The ARN of a role at path `/` (the connection role's own ARN). */
export const roleArnAtRoot = (accountId: string, name: string) => `arn:aws:iam::${accountId}:role/${name}`;

/** Accounts outside the connection role's own account whose roles may be trusted, under an organization condition. */
export interface CrossAccount {
  accountIds: readonly string[];
  principalOrgId: string;
}

/**
 * Why `principal` may not be trusted by a connection role in `accountId`, or undefined when it may.
 * The message says what is wrong and what would be accepted (the caller prefixes the key path and the value).
 */
export function principalProblem(
  principal: string,
  accountId: string,
  crossAccount?: CrossAccount,
): string | undefined {
  const example = `name the exact workload role ARN, e.g. ${EXAMPLE_ROLE_ARN}`;
  if (/[*?]/.test(principal)) {
    return `wildcards are not allowed in a principal: they trust every identity the pattern matches; ${example}`;
  }
  if (/^\d{12}$/.test(principal) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(principal)) {
    return `an account (bare id or :root) hands the decision to every identity policy in that account, so any admin could assume the role; ${example}`;
  }
  if (/^arn:aws[a-z-]*:sts::/.test(principal)) {
    return `an STS session ARN names one temporary session, not a role; name the role that owns the session, e.g. ${EXAMPLE_ROLE_ARN}`;
  }
  if (/^arn:aws[a-z-]*:iam::\d{12}:user\//.test(principal)) {
    return `IAM users are not accepted (long-lived keys): only IAM roles may assume a connection role; ${example}`;
  }
  const role = parseRoleArn(principal);
  if (!role) {
    return `is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/[<path>/]<name>, e.g. ${EXAMPLE_ROLE_ARN}`;
  }
  if (role.accountId !== accountId && !crossAccount?.accountIds.includes(role.accountId)) {
    return (
      `is in account ${role.accountId}, not the connection role's account ${accountId}; ` +
      `trust a role of another account only by listing that account in this connection's crossAccount.accountIds ` +
      `(the trust then requires aws:PrincipalOrgID = crossAccount.principalOrgId)`
    );
  }
  return undefined;
}

/** The principals of `principals` outside `accountId` (they get the organization condition). */
export function isCrossAccount(principal: string, accountId: string): boolean {
  return parseRoleArn(principal)?.accountId !== accountId;
}
