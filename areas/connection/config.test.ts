/**
 * The rest of the connection config, each bad input with its exact problem lines, on the staging stack's values: EKS
 * Pod Identity, the Atlas user's roles and scopes, and problems reported once. Principals: `principals.test.ts`.
 */
import { stackConfig, stackProblems } from "../../test/support/config";
import { type Conn, P, connectionProblems } from "./fixtures/config";

const SA = [{ namespace: "syrf", name: "api" }];

describe("aws.connections config: EKS Pod Identity", () => {
  it("accepts clusters of this account and named service accounts (control)", async () => {
    const cluster = "arn:aws:eks:eu-west-1:111122223333:cluster/apps";
    expect(
      stackConfig("staging", (cfg) => {
        const c = (cfg.aws as { connections: Conn[] }).connections[0] as Conn;
        c.eksPodIdentity = { clusterArns: [cluster], serviceAccounts: SA };
      }).aws?.connections[0]?.eksPodIdentity,
    ).toEqual({ clusterArns: [cluster], serviceAccounts: SA });
  });

  it("rejects a cluster ARN that is not an EKS cluster ARN", async () => {
    expect(
      await connectionProblems(
        (c) =>
          (c.eksPodIdentity = {
            clusterArns: ["arn:aws:eks:eu-west-1:111122223333:nodegroup/apps"],
            serviceAccounts: SA,
          }),
      ),
    ).toEqual([
      `${P}.eksPodIdentity.clusterArns[0]: got "arn:aws:eks:eu-west-1:111122223333:nodegroup/apps"; must be an EKS cluster ARN such as arn:aws:eks:eu-west-1:111122223333:cluster/apps`,
    ]);
  });

  it("rejects a cluster in another account", async () => {
    expect(
      await connectionProblems(
        (c) =>
          (c.eksPodIdentity = {
            clusterArns: ["arn:aws:eks:eu-west-1:444455556666:cluster/apps"],
            serviceAccounts: SA,
          }),
      ),
    ).toEqual([
      `${P}.eksPodIdentity.clusterArns[0]: got "arn:aws:eks:eu-west-1:444455556666:cluster/apps"; is in account 444455556666, not 111122223333; Pod Identity is accepted only for clusters in the connection role's account`,
    ]);
  });

  it("rejects an empty cluster list", async () => {
    expect(await connectionProblems((c) => (c.eksPodIdentity = { clusterArns: [], serviceAccounts: SA }))).toEqual([
      `${P}.eksPodIdentity.clusterArns: got []; must list at least one EKS cluster ARN, or remove eksPodIdentity`,
    ]);
  });

  it("requires the service accounts: without them any associated pod of the clusters could assume the role", async () => {
    const clusterArns = ["arn:aws:eks:eu-west-1:111122223333:cluster/apps"];
    expect(await connectionProblems((c) => (c.eksPodIdentity = { clusterArns }))).toEqual([
      `${P}.eksPodIdentity.serviceAccounts: required but missing; expected array`,
    ]);
    expect(await connectionProblems((c) => (c.eksPodIdentity = { clusterArns, serviceAccounts: [] }))).toEqual([
      `${P}.eksPodIdentity.serviceAccounts: got []; must name at least one service account ({ namespace, name }): without it any pod of the clusters whose service account is associated with the role could assume it`,
    ]);
  });

  it("rejects a namespace or service account that is not a Kubernetes name, and a service account listed twice", async () => {
    const clusterArns = ["arn:aws:eks:eu-west-1:111122223333:cluster/apps"];
    const serviceAccounts = [{ namespace: "Syrf", name: "api_1" }, ...SA, ...SA];
    expect(await connectionProblems((c) => (c.eksPodIdentity = { clusterArns, serviceAccounts }))).toEqual([
      `${P}.eksPodIdentity.serviceAccounts[0].namespace: got "Syrf"; must be a Kubernetes namespace name (RFC 1123 label)`,
      `${P}.eksPodIdentity.serviceAccounts[0].name: got "api_1"; must be a Kubernetes service account name: lowercase letters, digits, '-' and '.'`,
      `${P}.eksPodIdentity.serviceAccounts[2]: got {"namespace":"syrf","name":"api"}; duplicate of item [1]; each entry must appear once`,
    ]);
  });
});

describe("aws.connections config: the Atlas user's roles and scopes", () => {
  it.each([["dbAdmin"], ["readWriteX"], ["clusterMonitor"]])("rejects the database role %s", async (role) => {
    expect(await connectionProblems((c) => (c.roles = [{ role, database: "syrf_staging" }]))).toEqual([
      `${P}.roles[0].role: got "${role}"; must be one of: read, readWrite`,
    ]);
  });

  it.each([["readWriteAnyDatabase"], ["readAnyDatabase"], ["dbAdminAnyDatabase"], ["atlasAdmin"]])(
    "rejects the all-database role %s",
    async (role) => {
      expect(await connectionProblems((c) => (c.roles = [{ role, database: "syrf_staging" }]))).toEqual([
        `${P}.roles[0].role: got "${role}"; reaches every database of the cluster (or administers it); use read or readWrite on this environment's database`,
      ]);
    },
  );

  it.each([["admin"], ["local"], ["config"]])("rejects a role on the system database %s", async (database) => {
    expect(await connectionProblems((c) => (c.roles = [{ role: "read", database }]))).toEqual([
      `${P}.roles[0].database: got "${database}"; is a system database (admin, local, config); grant roles only on syrf_staging, the staging database`,
    ]);
  });

  it("rejects a role on another environment's database (staging user on the prod database)", async () => {
    expect(await connectionProblems((c) => (c.roles = [{ role: "read", database: "syrftest" }]))).toEqual([
      `${P}.roles[0].database: got "syrftest"; is not this stack's environment database; a staging connection may only reach syrf_staging (atlas.environmentDatabases.staging)`,
    ]);
  });

  it("rejects an empty role list", async () => {
    expect(await connectionProblems((c) => (c.roles = []))).toEqual([
      `${P}.roles: got []; must grant at least one role, e.g. { role: readWrite, database: <this environment's database> }`,
    ]);
  });

  it("rejects a duplicate role", async () => {
    expect(await connectionProblems((c) => c.roles.push({ role: "readWrite", database: "syrf_staging" }))).toEqual([
      `${P}.roles[1]: got {"role":"readWrite","database":"syrf_staging"}; duplicate of item [0]; each entry must appear once`,
    ]);
  });

  it("rejects a missing scopes key", async () => {
    expect(await connectionProblems((c) => delete c.scopes)).toEqual([
      `${P}.scopes: required but missing; expected array`,
    ]);
  });

  it("rejects an empty scope list (no scopes means every cluster of the project)", async () => {
    expect(await connectionProblems((c) => (c.scopes = []))).toEqual([
      `${P}.scopes: got []; must name at least one cluster: an Atlas user without scopes may reach every cluster of the project`,
    ]);
  });

  it("rejects a scope naming a cluster that is not in atlas.clusters", async () => {
    expect(await connectionProblems((c) => (c.scopes = ["syrf-shared", "syrf-analytics"]))).toEqual([
      `${P}.scopes[1]: got "syrf-analytics"; is not a cluster of the project; expected one of: syrf-shared (atlas.clusters)`,
    ]);
  });

  it("reports a bad account id once, not again as an other-account problem on every principal", async () => {
    expect(await connectionProblems((_c, aws) => (aws.accountId = "11112222333"))).toEqual([
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
    const problems = await connectionProblems((c, aws) => {
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
