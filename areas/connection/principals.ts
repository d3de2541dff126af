/**
 * Which principals a connection role may trust. The config rules and the component's own argument check both call
 * {@link principalProblem}, so the two can never disagree.
 */
import { EXAMPLE_ROLE_ARN, isAccountRoot, isIamUserArn, isStsArn, parseRoleArn } from "../../domain/aws";

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
  if (isAccountRoot(principal)) {
    return `an account (bare id or :root) hands the decision to every identity policy in that account, so any admin could assume the role; ${example}`;
  }
  if (isStsArn(principal)) {
    return `an STS session ARN names one temporary session, not a role; name the role that owns the session, e.g. ${EXAMPLE_ROLE_ARN}`;
  }
  if (isIamUserArn(principal)) {
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

/** Whether `principal` is a role outside `accountId` (it then gets the organization condition). */
export function isCrossAccount(principal: string, accountId: string): boolean {
  return parseRoleArn(principal)?.accountId !== accountId;
}
