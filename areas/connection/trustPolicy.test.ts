import { buildTrustPolicy } from "./trustPolicy";

const LAMBDA = "arn:aws:iam::111122223333:role/service-role/app-lambda";
const PARTNER = "arn:aws:iam::444455556666:role/etl";

describe("buildTrustPolicy (pure)", () => {
  it("trusts exactly the same-account roles, with sts:AssumeRole only", () => {
    expect(buildTrustPolicy({ accountId: "111122223333", allowedPrincipals: [LAMBDA] })).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "WorkloadRoles", Effect: "Allow", Principal: { AWS: [LAMBDA] }, Action: "sts:AssumeRole" }],
    });
  });

  it("puts other-account roles in their own statement under aws:PrincipalOrgID", () => {
    expect(
      buildTrustPolicy({ accountId: "111122223333", allowedPrincipals: [PARTNER], principalOrgId: "o-a1b2c3d4e5" }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CrossAccountWorkloadRoles",
          Effect: "Allow",
          Principal: { AWS: [PARTNER] },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        },
      ],
    });
  });

  it("refuses an other-account role without an organization id (never an unconditioned cross-account trust)", () => {
    expect(() => buildTrustPolicy({ accountId: "111122223333", allowedPrincipals: [LAMBDA, PARTNER] })).toThrow(
      "buildTrustPolicy: principals arn:aws:iam::444455556666:role/etl are outside account 111122223333 and no principalOrgId was given",
    );
  });

  it("adds no Pod Identity statement for an empty cluster list", () => {
    const eksPodIdentity = { clusterArns: [], serviceAccounts: [{ namespace: "api", name: "api" }] };
    expect(
      buildTrustPolicy({ accountId: "111122223333", allowedPrincipals: [LAMBDA], eksPodIdentity }).Statement.map(
        (s) => s.Sid,
      ),
    ).toEqual(["WorkloadRoles"]);
  });

  it("gives each Pod Identity service account its own statement: account, clusters, namespace and service account", () => {
    const clusters = [
      "arn:aws:eks:eu-west-1:111122223333:cluster/apps",
      "arn:aws:eks:eu-west-1:111122223333:cluster/dr",
    ];
    const pod = (namespace: string, name: string, i: number) => ({
      Sid: `EksPodIdentity${i}`,
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": "111122223333",
          "aws:RequestTag/kubernetes-namespace": namespace,
          "aws:RequestTag/kubernetes-service-account": name,
        },
        ArnEquals: { "aws:SourceArn": clusters },
      },
    });
    expect(
      buildTrustPolicy({
        accountId: "111122223333",
        allowedPrincipals: [],
        eksPodIdentity: {
          clusterArns: clusters,
          serviceAccounts: [
            { namespace: "syrf", name: "api" },
            { namespace: "reports", name: "backfill" },
          ],
        },
      }),
    ).toEqual({ Version: "2012-10-17", Statement: [pod("syrf", "api", 0), pod("reports", "backfill", 1)] });
  });
});
