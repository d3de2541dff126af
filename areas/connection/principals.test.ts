/**
 * Which principals a connection role may trust (`principals.ts`, applied by the config rules in `config.ts`): each
 * refused principal with its exact problem line, on the staging stack's values.
 */
import { stackConfig } from "../../test/support/config";
import { LAMBDA, P, connectionProblems } from "./fixtures/config";

const EXAMPLE = "name the exact workload role ARN, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda";

describe("aws.connections config: principals", () => {
  it("accepts the staging connections as they are (control)", async () => {
    expect(stackConfig("staging").aws?.connections.map((c) => c.name)).toEqual([
      "syrf-staging-api-atlas",
      "syrf-staging-reports-atlas",
    ]);
  });

  it.each([
    ["*"],
    ["arn:aws:iam::111122223333:role/service-role/*"],
    ["arn:aws:iam::111122223333:role/syrf-staging-api-lambd?"],
  ])("rejects the wildcard principal %s", async (principal) => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = [principal]))).toEqual([
      `${P}.allowedPrincipals[0]: got ${JSON.stringify(principal)}; wildcards are not allowed in a principal: they trust every identity the pattern matches; ${EXAMPLE}`,
    ]);
  });

  it.each([["arn:aws:iam::111122223333:root"], ["111122223333"]])(
    "rejects the account principal %s",
    async (principal) => {
      expect(await connectionProblems((c) => (c.allowedPrincipals = [LAMBDA, principal]))).toEqual([
        `${P}.allowedPrincipals[1]: got ${JSON.stringify(principal)}; an account (bare id or :root) hands the decision to every identity policy in that account, so any admin could assume the role; ${EXAMPLE}`,
      ]);
    },
  );

  it("rejects an STS session ARN", async () => {
    const session = "arn:aws:sts::111122223333:assumed-role/syrf-staging-api-lambda/syrf-staging-api";
    expect(await connectionProblems((c) => (c.allowedPrincipals = [session]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${session}"; an STS session ARN names one temporary session, not a role; name the role that owns the session, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda`,
    ]);
  });

  it("rejects an IAM user ARN", async () => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = ["arn:aws:iam::111122223333:user/deploy"]))).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::111122223333:user/deploy"; IAM users are not accepted (long-lived keys): only IAM roles may assume a connection role; ${EXAMPLE}`,
    ]);
  });

  it.each([
    ["arn:aws:iam::11112222333:role/app"],
    ["lambda.amazonaws.com"],
    ["arn:aws:iam::111122223333:role/"],
    ["role/app-lambda"],
  ])("rejects the malformed ARN %s", async (principal) => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = [principal]))).toEqual([
      `${P}.allowedPrincipals[0]: got ${JSON.stringify(principal)}; is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/[<path>/]<name>, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda`,
    ]);
  });

  it("rejects a role in another account when no cross-account list is configured", async () => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = ["arn:aws:iam::444455556666:role/app"]))).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::444455556666:role/app"; is in account 444455556666, not the connection role's account 111122223333; trust a role of another account only by listing that account in this connection's crossAccount.accountIds (the trust then requires aws:PrincipalOrgID = crossAccount.principalOrgId)`,
    ]);
  });

  it("rejects a role in an account the cross-account list does not name", async () => {
    const problems = await connectionProblems((c) => {
      c.allowedPrincipals = ["arn:aws:iam::777788889999:role/app"];
      c.crossAccount = { accountIds: ["444455556666"], principalOrgId: "o-a1b2c3d4e5" };
    });
    expect(problems).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::777788889999:role/app"; is in account 777788889999, not the connection role's account 111122223333; trust a role of another account only by listing that account in this connection's crossAccount.accountIds (the trust then requires aws:PrincipalOrgID = crossAccount.principalOrgId)`,
    ]);
  });

  it("rejects a cross-account list without an organization id", async () => {
    expect(await connectionProblems((c) => (c.crossAccount = { accountIds: ["444455556666"] }))).toEqual([
      `${P}.crossAccount.principalOrgId: required but missing; expected string`,
    ]);
  });

  it("rejects a malformed organization id", async () => {
    expect(
      await connectionProblems(
        (c) => (c.crossAccount = { accountIds: ["444455556666"], principalOrgId: "111122223333" }),
      ),
    ).toEqual([
      `${P}.crossAccount.principalOrgId: got "111122223333"; must be an AWS Organizations id such as o-a1b2c3d4e5`,
    ]);
  });

  it("rejects an empty cross-account list", async () => {
    expect(
      await connectionProblems((c) => (c.crossAccount = { accountIds: [], principalOrgId: "o-a1b2c3d4e5" })),
    ).toEqual([
      `${P}.crossAccount.accountIds: got []; must list at least one other account id, or remove crossAccount`,
    ]);
  });

  it("rejects the connection role's own account in the cross-account list", async () => {
    expect(
      await connectionProblems(
        (c) => (c.crossAccount = { accountIds: ["111122223333"], principalOrgId: "o-a1b2c3d4e5" }),
      ),
    ).toEqual([
      `${P}.crossAccount.accountIds[0]: got "111122223333"; is the connection role's own account (aws.accountId); list only other accounts`,
    ]);
  });

  it("rejects an empty principal list", async () => {
    expect(await connectionProblems((c) => (c.allowedPrincipals = []))).toEqual([
      `${P}.allowedPrincipals: got []; must list at least one workload role ARN that may assume the connection role`,
    ]);
  });

  it("rejects a duplicate principal, also when it differs only in case (IAM role names are case-insensitive)", async () => {
    const upper = "arn:aws:iam::111122223333:role/service-role/SYRF-staging-api-lambda";
    expect(await connectionProblems((c) => (c.allowedPrincipals = [LAMBDA, LAMBDA, upper]))).toEqual([
      `${P}.allowedPrincipals[1]: got "${LAMBDA}"; duplicate of item [0]; each entry must appear once`,
      `${P}.allowedPrincipals[2]: got "${upper}"; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects a principal that is a connection role of this stack", async () => {
    const other = "arn:aws:iam::111122223333:role/syrf-staging-reports-atlas";
    expect(await connectionProblems((c) => (c.allowedPrincipals = [other]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${other}"; is a connection role of this stack: connection roles have no permissions and trust only workload roles`,
    ]);
  });

  it("rejects two connections with the same role name (case-insensitive)", async () => {
    expect(
      await connectionProblems((c, aws) => {
        aws.connections.push({ ...structuredClone(c), name: "SYRF-staging-api-atlas" });
      }),
    ).toEqual([
      // The formatter shortens long values to 117 characters and "...".
      `atlas-access:aws.connections[2]: got {"name":"SYRF-staging-api-atlas","allowedPrincipals":["${LAMBDA.slice(0, 62)}...; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects an unknown key in a connection (a typo must not drop a rule)", async () => {
    expect(await connectionProblems((c) => (c.allowedPrincipal = [LAMBDA]))).toEqual([
      `${P}.allowedPrincipal: unknown key; accepted keys here: allowedPrincipals, crossAccount, eksPodIdentity, name, nameExceptions, roles, scopes`,
    ]);
  });
});
