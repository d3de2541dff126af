/** Every bad-input rule of the connection config, each with the exact problem lines, on the staging stack's values. */
import { stackConfig, stackProblems } from "../../test/support/config";

interface Conn {
  name: string;
  allowedPrincipals: string[];
  roles: { role: string; database: string }[];
  scopes?: string[];
  crossAccount?: { accountIds?: string[]; principalOrgId?: string };
  eksPodIdentity?: { clusterArns: string[] };
  [k: string]: unknown;
}
interface Aws {
  accountId: string;
  region: string;
  connections: Conn[];
}

const LAMBDA = "arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda";
const P = "atlas-access:aws.connections[0]";

/** Staging with its first connection changed by `mutate`: the problems the program would report. */
async function problemsOf(mutate: (conn: Conn, aws: Aws) => void): Promise<string[]> {
  return stackProblems("staging", (cfg) => {
    const aws = cfg.aws as Aws;
    mutate(aws.connections[0] as Conn, aws);
  });
}

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
    expect(await problemsOf((c) => (c.allowedPrincipals = [principal]))).toEqual([
      `${P}.allowedPrincipals[0]: got ${JSON.stringify(principal)}; wildcards are not allowed in a principal: they trust every identity the pattern matches; ${EXAMPLE}`,
    ]);
  });

  it.each([["arn:aws:iam::111122223333:root"], ["111122223333"]])(
    "rejects the account principal %s",
    async (principal) => {
      expect(await problemsOf((c) => (c.allowedPrincipals = [LAMBDA, principal]))).toEqual([
        `${P}.allowedPrincipals[1]: got ${JSON.stringify(principal)}; an account (bare id or :root) hands the decision to every identity policy in that account, so any admin could assume the role; ${EXAMPLE}`,
      ]);
    },
  );

  it("rejects an STS session ARN", async () => {
    const session = "arn:aws:sts::111122223333:assumed-role/syrf-staging-api-lambda/syrf-staging-api";
    expect(await problemsOf((c) => (c.allowedPrincipals = [session]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${session}"; an STS session ARN names one temporary session, not a role; name the role that owns the session, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda`,
    ]);
  });

  it("rejects an IAM user ARN", async () => {
    expect(await problemsOf((c) => (c.allowedPrincipals = ["arn:aws:iam::111122223333:user/deploy"]))).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::111122223333:user/deploy"; IAM users are not accepted (long-lived keys): only IAM roles may assume a connection role; ${EXAMPLE}`,
    ]);
  });

  it.each([
    ["arn:aws:iam::11112222333:role/app"],
    ["lambda.amazonaws.com"],
    ["arn:aws:iam::111122223333:role/"],
    ["role/app-lambda"],
  ])("rejects the malformed ARN %s", async (principal) => {
    expect(await problemsOf((c) => (c.allowedPrincipals = [principal]))).toEqual([
      `${P}.allowedPrincipals[0]: got ${JSON.stringify(principal)}; is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/[<path>/]<name>, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda`,
    ]);
  });

  it("rejects a role in another account when no cross-account list is configured", async () => {
    expect(await problemsOf((c) => (c.allowedPrincipals = ["arn:aws:iam::444455556666:role/app"]))).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::444455556666:role/app"; is in account 444455556666, not the connection role's account 111122223333; trust a role of another account only by listing that account in this connection's crossAccount.accountIds (the trust then requires aws:PrincipalOrgID = crossAccount.principalOrgId)`,
    ]);
  });

  it("rejects a role in an account the cross-account list does not name", async () => {
    const problems = await problemsOf((c) => {
      c.allowedPrincipals = ["arn:aws:iam::777788889999:role/app"];
      c.crossAccount = { accountIds: ["444455556666"], principalOrgId: "o-a1b2c3d4e5" };
    });
    expect(problems).toEqual([
      `${P}.allowedPrincipals[0]: got "arn:aws:iam::777788889999:role/app"; is in account 777788889999, not the connection role's account 111122223333; trust a role of another account only by listing that account in this connection's crossAccount.accountIds (the trust then requires aws:PrincipalOrgID = crossAccount.principalOrgId)`,
    ]);
  });

  it("rejects a cross-account list without an organization id", async () => {
    expect(await problemsOf((c) => (c.crossAccount = { accountIds: ["444455556666"] }))).toEqual([
      `${P}.crossAccount.principalOrgId: required but missing; expected string`,
    ]);
  });

  it("rejects a malformed organization id", async () => {
    expect(
      await problemsOf((c) => (c.crossAccount = { accountIds: ["444455556666"], principalOrgId: "111122223333" })),
    ).toEqual([
      `${P}.crossAccount.principalOrgId: got "111122223333"; must be an AWS Organizations id such as o-a1b2c3d4e5`,
    ]);
  });

  it("rejects an empty cross-account list", async () => {
    expect(await problemsOf((c) => (c.crossAccount = { accountIds: [], principalOrgId: "o-a1b2c3d4e5" }))).toEqual([
      `${P}.crossAccount.accountIds: got []; must list at least one other account id, or remove crossAccount`,
    ]);
  });

  it("rejects the connection role's own account in the cross-account list", async () => {
    expect(
      await problemsOf((c) => (c.crossAccount = { accountIds: ["111122223333"], principalOrgId: "o-a1b2c3d4e5" })),
    ).toEqual([
      `${P}.crossAccount.accountIds[0]: got "111122223333"; is the connection role's own account (aws.accountId); list only other accounts`,
    ]);
  });

  it("rejects an empty principal list", async () => {
    expect(await problemsOf((c) => (c.allowedPrincipals = []))).toEqual([
      `${P}.allowedPrincipals: got []; must list at least one workload role ARN that may assume the connection role`,
    ]);
  });

  it("rejects a duplicate principal, also when it differs only in case (IAM role names are case-insensitive)", async () => {
    const upper = "arn:aws:iam::111122223333:role/service-role/SYRF-staging-api-lambda";
    expect(await problemsOf((c) => (c.allowedPrincipals = [LAMBDA, LAMBDA, upper]))).toEqual([
      `${P}.allowedPrincipals[1]: got "${LAMBDA}"; duplicate of item [0]; each entry must appear once`,
      `${P}.allowedPrincipals[2]: got "${upper}"; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects a principal that is a connection role of this stack", async () => {
    const other = "arn:aws:iam::111122223333:role/syrf-staging-reports-atlas";
    expect(await problemsOf((c) => (c.allowedPrincipals = [other]))).toEqual([
      `${P}.allowedPrincipals[0]: got "${other}"; is a connection role of this stack: connection roles have no permissions and trust only workload roles`,
    ]);
  });

  it("rejects two connections with the same role name (case-insensitive)", async () => {
    expect(
      await problemsOf((c, aws) => {
        aws.connections.push({ ...structuredClone(c), name: "SYRF-staging-api-atlas" });
      }),
    ).toEqual([
      // The formatter shortens long values to 117 characters and "...".
      `atlas-access:aws.connections[2]: got {"name":"SYRF-staging-api-atlas","allowedPrincipals":["${LAMBDA.slice(0, 62)}...; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects an unknown key in a connection (a typo must not drop a rule)", async () => {
    expect(await problemsOf((c) => (c.allowedPrincipal = [LAMBDA]))).toEqual([
      `${P}.allowedPrincipal: unknown key; accepted keys here: allowedPrincipals, crossAccount, eksPodIdentity, name, roles, scopes`,
    ]);
  });
});

describe("aws.connections config: EKS Pod Identity", () => {
  it("rejects a cluster ARN that is not an EKS cluster ARN", async () => {
    expect(
      await problemsOf(
        (c) => (c.eksPodIdentity = { clusterArns: ["arn:aws:eks:eu-west-1:111122223333:nodegroup/apps"] }),
      ),
    ).toEqual([
      `${P}.eksPodIdentity.clusterArns[0]: got "arn:aws:eks:eu-west-1:111122223333:nodegroup/apps"; must be an EKS cluster ARN such as arn:aws:eks:eu-west-1:111122223333:cluster/apps`,
    ]);
  });

  it("rejects a cluster in another account", async () => {
    expect(
      await problemsOf(
        (c) => (c.eksPodIdentity = { clusterArns: ["arn:aws:eks:eu-west-1:444455556666:cluster/apps"] }),
      ),
    ).toEqual([
      `${P}.eksPodIdentity.clusterArns[0]: got "arn:aws:eks:eu-west-1:444455556666:cluster/apps"; is in account 444455556666, not 111122223333; Pod Identity is accepted only for clusters in the connection role's account`,
    ]);
  });

  it("rejects an empty cluster list", async () => {
    expect(await problemsOf((c) => (c.eksPodIdentity = { clusterArns: [] }))).toEqual([
      `${P}.eksPodIdentity.clusterArns: got []; must list at least one EKS cluster ARN, or remove eksPodIdentity`,
    ]);
  });
});

describe("aws.connections config: the Atlas user's roles and scopes", () => {
  it.each([["dbAdmin"], ["readWriteX"], ["clusterMonitor"]])("rejects the database role %s", async (role) => {
    expect(await problemsOf((c) => (c.roles = [{ role, database: "syrf_staging" }]))).toEqual([
      `${P}.roles[0].role: got "${role}"; must be one of: read, readWrite`,
    ]);
  });

  it.each([["readWriteAnyDatabase"], ["readAnyDatabase"], ["dbAdminAnyDatabase"], ["atlasAdmin"]])(
    "rejects the all-database role %s",
    async (role) => {
      expect(await problemsOf((c) => (c.roles = [{ role, database: "syrf_staging" }]))).toEqual([
        `${P}.roles[0].role: got "${role}"; reaches every database of the cluster (or administers it); use read or readWrite on this environment's database`,
      ]);
    },
  );

  it.each([["admin"], ["local"], ["config"]])("rejects a role on the system database %s", async (database) => {
    expect(await problemsOf((c) => (c.roles = [{ role: "read", database }]))).toEqual([
      `${P}.roles[0].database: got "${database}"; is a system database (admin, local, config); grant roles only on syrf_staging, the staging database`,
    ]);
  });

  it("rejects a role on another environment's database (staging user on the prod database)", async () => {
    expect(await problemsOf((c) => (c.roles = [{ role: "read", database: "syrftest" }]))).toEqual([
      `${P}.roles[0].database: got "syrftest"; is not this stack's environment database; a staging connection may only reach syrf_staging (atlas.environmentDatabases.staging)`,
    ]);
  });

  it("rejects an empty role list", async () => {
    expect(await problemsOf((c) => (c.roles = []))).toEqual([
      `${P}.roles: got []; must grant at least one role, e.g. { role: readWrite, database: <this environment's database> }`,
    ]);
  });

  it("rejects a duplicate role", async () => {
    expect(await problemsOf((c) => c.roles.push({ role: "readWrite", database: "syrf_staging" }))).toEqual([
      `${P}.roles[1]: got {"role":"readWrite","database":"syrf_staging"}; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects a missing scopes key", async () => {
    expect(await problemsOf((c) => delete c.scopes)).toEqual([`${P}.scopes: required but missing; expected array`]);
  });

  it("rejects an empty scope list (no scopes means every cluster of the project)", async () => {
    expect(await problemsOf((c) => (c.scopes = []))).toEqual([
      `${P}.scopes: got []; must name at least one cluster: an Atlas user without scopes may reach every cluster of the project`,
    ]);
  });

  it("rejects a scope naming a cluster that is not in atlas.clusters", async () => {
    expect(await problemsOf((c) => (c.scopes = ["syrf-shared", "syrf-analytics"]))).toEqual([
      `${P}.scopes[1]: got "syrf-analytics"; is not a cluster of the project; expected one of: syrf-shared (atlas.clusters)`,
    ]);
  });

  it("reports a bad account id once, not again as an other-account problem on every principal", async () => {
    expect(await problemsOf((_c, aws) => (aws.accountId = "11112222333"))).toEqual([
      'atlas-access:aws.accountId: got "11112222333"; must be a 12-digit AWS account id, e.g. 111122223333',
    ]);
  });

  it("reports a bad atlas section once, not again on every connection's roles and scopes", async () => {
    expect(
      stackProblems("staging", (cfg) => ((cfg.atlas as { clusters: string[] }).clusters = ["syrf shared"])),
    ).toEqual([
      "atlas-access:atlas.clusters[0]: got \"syrf shared\"; must be an Atlas cluster name: letters, digits and '-', 1-64 characters",
    ]);
  });

  it("reports every problem of every connection at once", async () => {
    const problems = await problemsOf((c, aws) => {
      c.allowedPrincipals = ["*"];
      c.roles = [{ role: "atlasAdmin", database: "admin" }];
      (aws.connections[1] as Conn).scopes = ["nope"];
    });
    expect(problems.map((p) => p.split(": got")[0])).toEqual([
      `${P}.allowedPrincipals[0]`,
      `${P}.roles[0].role`,
      `${P}.roles[0].database`,
      "atlas-access:aws.connections[1].scopes[0]",
    ]);
  });
});
