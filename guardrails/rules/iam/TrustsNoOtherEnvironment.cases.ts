import { mutate, policyJson, view, type RuleCases } from "../../cases";

const PROD_WORKLOAD = "arn:aws:iam::111122223333:role/service-role/orders-prod-api";
const STAGING_WORKLOAD = "arn:aws:iam::111122223333:role/service-role/orders-staging-api";
const CLUSTER = "arn:aws:eks:eu-west-1:111122223333:cluster/apps";
const trust = (...principals: string[]) =>
  policyJson({ Sid: "WorkloadRoles", Effect: "Allow", Principal: { AWS: principals }, Action: "sts:AssumeRole" });
const pod = (namespace: string) => ({
  Sid: "EksPodIdentity0",
  Effect: "Allow",
  Principal: { Service: "pods.eks.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession"],
  Condition: {
    StringEquals: {
      "aws:RequestTag/kubernetes-namespace": namespace,
      "aws:RequestTag/kubernetes-service-account": "api",
    },
    ArnEquals: { "aws:SourceArn": [CLUSTER] },
  },
});
const role = view("aws:iam/role:Role", { name: "orders-prod-atlas", assumeRolePolicy: trust(PROD_WORKLOAD) }, "conn");
/** The Atlas user that makes `orders-prod-atlas` a connection role. */
const user = view(
  "mongodbatlas:index/databaseUser:DatabaseUser",
  { awsIamType: "ROLE", username: "arn:aws:iam::111122223333:role/orders-prod-atlas" },
  "conn-user",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "the prod connection role trusts the staging workload",
      resources: [mutate(role, { assumeRolePolicy: trust(PROD_WORKLOAD, STAGING_WORKLOAD) }), user],
      findings: [
        `aws:iam/role:Role conn: connection role "orders-prod-atlas" (environment prod) trusts role "${STAGING_WORKLOAD}", named for environment staging (assumeRolePolicy Statement[0] (Sid "WorkloadRoles"))`,
      ],
    },
    {
      name: "the prod connection role trusts Pod Identity in the staging namespace",
      resources: [
        mutate(role, {
          assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [pod("orders-staging")] }),
        }),
        user,
      ],
      findings: [
        'aws:iam/role:Role conn: connection role "orders-prod-atlas" (environment prod) trusts Pod Identity namespace "orders-staging", named for environment staging (assumeRolePolicy Statement[0] (Sid "EksPodIdentity0"))',
      ],
    },
  ],
  compliant: [
    { name: "each connection role trusts its own environment's workload", resources: [role, user] },
    {
      name: "a workload role whose name names no environment, and Pod Identity in the same environment",
      resources: [
        mutate(role, {
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:role/orders-api" },
                Action: "sts:AssumeRole",
              },
              pod("orders-prod"),
            ],
          }),
        }),
        user,
      ],
    },
    {
      name: "a role that is not a connection role (no Atlas user) is not this rule's concern",
      resources: [mutate(role, { assumeRolePolicy: trust(STAGING_WORKLOAD) })],
    },
  ],
};
