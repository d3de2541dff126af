/**
 * Principals that stand for people or a whole organization's administrators (`principals.ts`), and the documented
 * opt-in for the rare workload role whose name only reads like one: exact problem lines on the staging stack's values.
 */
import { personOrAdministratorWord, roleNameWords } from "../../domain/aws";
import { stackConfig } from "../../test/support/config";
import { LAMBDA, P, connectionProblems } from "./fixtures/config";

const EXAMPLE = "name the exact workload role ARN, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda";
const SSO =
  "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef";
const ADMIN_API = "arn:aws:iam::111122223333:role/service-role/syrf-staging-admin-api-lambda";
const REASON = "the Lambda of the staging admin API (a workload; no person assumes it)";

describe("the words of a role name (domain/aws.ts)", () => {
  it.each([
    ["syrf-ops-admin", ["syrf", "ops", "admin"], "admin"],
    ["SyrfOpsAdmin", ["syrf", "ops", "admin"], "admin"],
    ["security_break-glass", ["security", "break", "glass"], "break-glass"],
    ["PowerUser", ["power", "user"], "power-user"],
    ["platform-developers", ["platform", "developers"], "developers"],
    ["syrf-staging-reports-backfill-lambda", ["syrf", "staging", "reports", "backfill", "lambda"], undefined],
    ["badminton-scores", ["badminton", "scores"], undefined],
    ["syrf-users-api", ["syrf", "users", "api"], undefined],
  ])("%s: words %j, person or administrator word %j", (name, words, word) => {
    expect([roleNameWords(name), personOrAdministratorWord(name)]).toEqual([words, word]);
  });
});

describe("aws.connections config: principals that stand for people or administrators", () => {
  it("rejects an IAM Identity Center role (a person's permission set)", async () => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = [SSO]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${SSO}"; is an IAM Identity Center role (AWSReservedSSO_…): its sessions are people signed in with a permission set, not a workload, and no exception can change that; ${EXAMPLE}`,
    ]);
  });

  it("rejects an Identity Center role name even outside its reserved path", async () => {
    const renamed = "arn:aws:iam::111122223333:role/AWSReservedSSO_Billing_0123456789abcdef";
    expect(await connectionProblems((c) => (c.allowedPrincipals = [renamed]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${renamed}"; is an IAM Identity Center role (AWSReservedSSO_…): its sessions are people signed in with a permission set, not a workload, and no exception can change that; ${EXAMPLE}`,
    ]);
  });

  it.each([["OrganizationAccountAccessRole"], ["organizationaccountaccessrole"]])(
    "rejects the organization's access role %s (IAM role names are case-insensitive)",
    async (name) => {
      const arn = `arn:aws:iam::111122223333:role/${name}`;
      expect(await connectionProblems((c) => (c.allowedPrincipals = [arn]))).toEqual([
        `${P}.allowedPrincipals[0]: got "${arn}"; is OrganizationAccountAccessRole, the role AWS Organizations creates for the management account's administrators: whoever may assume it administers the whole account, and no exception can change that; ${EXAMPLE}`,
      ]);
    },
  );

  it.each([
    ["arn:aws:iam::111122223333:role/syrf-ops-admin", "admin"],
    ["arn:aws:iam::111122223333:role/security-break-glass", "break-glass"],
    ["arn:aws:iam::111122223333:role/team/DeveloperAccess", "developer"],
  ])("rejects %s, whose name says %s", async (arn, word) => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = [LAMBDA, arn]))).toEqual([
      `${P}.allowedPrincipals[1]: got "${arn}"; its name contains "${word}", which says the role stands for a person or an administrator, not a workload; ${EXAMPLE}, or, if it really is a workload's role, list it in this connection's nameExceptions with the reason`,
    ]);
  });
});

describe("aws.connections config: nameExceptions, the documented opt-in", () => {
  it("accepts a workload role whose name reads like an administrator's when it is listed with its reason", () => {
    const cfg = stackConfig("staging", (raw) => {
      const c = (raw.aws as { connections: Record<string, unknown>[] }).connections[0] as Record<string, unknown>;
      c.allowedPrincipals = [LAMBDA, ADMIN_API];
      c.nameExceptions = [{ principal: ADMIN_API, reason: REASON }];
    });
    expect(cfg.aws?.connections[0]?.nameExceptions).toEqual([{ principal: ADMIN_API, reason: REASON }]);
  });

  it("defaults to no exception", () => {
    expect(stackConfig("staging").aws?.connections.map((c) => c.nameExceptions)).toEqual([[], []]);
  });

  it("requires a reason a reviewer can check", async () => {
    expect(
      await connectionProblems((c) => {
        c.allowedPrincipals = [ADMIN_API];
        c.nameExceptions = [{ principal: ADMIN_API, reason: "needed" }];
      }),
    ).toEqual([
      `${P}.nameExceptions[0].reason: got "needed"; must say, in at least 20 characters, which workload the role belongs to`,
    ]);
  });

  it("never exempts an Identity Center role or OrganizationAccountAccessRole", async () => {
    const org = "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole";
    expect(
      await connectionProblems((c) => {
        c.allowedPrincipals = [SSO, org];
        c.nameExceptions = [
          { principal: SSO, reason: REASON },
          { principal: org, reason: REASON },
        ];
      }),
    ).toEqual([
      `${P}.allowedPrincipals[0]: got "${SSO}"; is an IAM Identity Center role (AWSReservedSSO_…): its sessions are people signed in with a permission set, not a workload, and no exception can change that; ${EXAMPLE}`,
      `${P}.allowedPrincipals[1]: got "${org}"; is OrganizationAccountAccessRole, the role AWS Organizations creates for the management account's administrators: whoever may assume it administers the whole account, and no exception can change that; ${EXAMPLE}`,
      `${P}.nameExceptions[0].principal: got "${SSO}"; an IAM Identity Center role or OrganizationAccountAccessRole stands for people or administrators whatever its use; it can never be an exception`,
      `${P}.nameExceptions[1].principal: got "${org}"; an IAM Identity Center role or OrganizationAccountAccessRole stands for people or administrators whatever its use; it can never be an exception`,
    ]);
  });

  it("refuses an exception for a principal the connection does not allow, and one that is not needed", async () => {
    expect(
      await connectionProblems((c) => {
        c.nameExceptions = [
          { principal: ADMIN_API, reason: REASON },
          { principal: LAMBDA, reason: REASON },
        ];
      }),
    ).toEqual([
      `${P}.nameExceptions[0].principal: got "${ADMIN_API}"; is not one of this connection's allowedPrincipals; an exception only applies to an allowed principal`,
      `${P}.nameExceptions[1].principal: got "${LAMBDA}"; is not needed: the role's name does not read like a person's or an administrator's role; remove the exception`,
    ]);
  });
});
