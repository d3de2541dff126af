/**
 * Which principals a connection role may trust. The config rules and the component's own argument check both call
 * {@link principalProblem}, so the two can never disagree.
 */
import {
  EXAMPLE_ROLE_ARN,
  ORGANIZATION_ACCESS_ROLE,
  isAccountRoot,
  isIamUserArn,
  isIdentityCenterRole,
  isOrganizationAccessRole,
  isStsArn,
  parseRoleArn,
  personOrAdministratorWord,
} from "../../domain/aws";

/** Accounts outside the connection role's own account whose roles may be trusted, under an organization condition. */
export interface CrossAccount {
  accountIds: readonly string[];
  principalOrgId: string;
}

/**
 * Why `principal` may not be trusted by a connection role in `accountId`, or undefined when it may.
 * `nameExceptions` lists the principals (exact ARNs, any case) whose name reads like a person's or an administrator's
 * role but which were declared workload roles; nothing exempts an Identity Center role or the organization's access
 * role. The message says what is wrong and what would be accepted (the caller prefixes the key path and the value).
 */
export function principalProblem(
  principal: string,
  accountId: string,
  crossAccount?: CrossAccount,
  nameExceptions: readonly string[] = [],
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
  if (isIdentityCenterRole(principal)) {
    return (
      "is an IAM Identity Center role (AWSReservedSSO_…): its sessions are people signed in with a permission set, not a " +
      `workload, and no exception can change that; ${example}`
    );
  }
  if (isOrganizationAccessRole(principal)) {
    return (
      `is ${ORGANIZATION_ACCESS_ROLE}, the role AWS Organizations creates for the management account's administrators: ` +
      `whoever may assume it administers the whole account, and no exception can change that; ${example}`
    );
  }
  const word = personOrAdministratorWord(role.name);
  if (word !== undefined && !nameExceptions.some((e) => e.toLowerCase() === principal.toLowerCase())) {
    return (
      `its name contains "${word}", which says the role stands for a person or an administrator, not a workload; ${example}, ` +
      "or, if it really is a workload's role, list it in this connection's nameExceptions with the reason"
    );
  }
  return undefined;
}

/** Why a name exception cannot stand: not an allowed principal, never exemptable, or not needed. */
export function nameExceptionProblem(principal: string, allowed: readonly string[]): string | undefined {
  if (!allowed.some((p) => p.toLowerCase() === principal.toLowerCase())) {
    return "is not one of this connection's allowedPrincipals; an exception only applies to an allowed principal";
  }
  if (isIdentityCenterRole(principal) || isOrganizationAccessRole(principal)) {
    return "an IAM Identity Center role or OrganizationAccountAccessRole stands for people or administrators whatever its use; it can never be an exception";
  }
  const name = parseRoleArn(principal)?.name;
  if (name !== undefined && personOrAdministratorWord(name) === undefined) {
    return "is not needed: the role's name does not read like a person's or an administrator's role; remove the exception";
  }
  return undefined;
}

/** Whether `principal` is a role outside `accountId` (it then gets the organization condition). */
export function isCrossAccount(principal: string, accountId: string): boolean {
  return parseRoleArn(principal)?.accountId !== accountId;
}
