import { mutate, policyJson, view, type RuleCases } from "../../cases";

const WORKLOAD = "arn:aws:iam::111122223333:role/orders-api";
const role = view(
  "aws:iam/role:Role",
  {
    assumeRolePolicy: policyJson({
      Effect: "Allow",
      Principal: { AWS: WORKLOAD },
      Action: "sts:AssumeRole",
    }),
  },
  "conn",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "a user, the account root, a wildcard role and a federated principal",
      resources: [
        mutate(role, {
          assumeRolePolicy: policyJson(
            {
              Effect: "Allow",
              Principal: {
                AWS: [
                  "arn:aws:iam::111122223333:user/alice",
                  "arn:aws:iam::111122223333:root",
                  "arn:aws:iam::111122223333:role/*",
                ],
              },
              Action: "sts:AssumeRole",
            },
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
              Action: "sts:AssumeRoleWithWebIdentity",
            },
          ),
        }),
      ],
      findings: [
        'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:user/alice", which is not a role ARN',
        'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:root", which is not a role ARN',
        'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:role/*", which is not a role ARN',
        'aws:iam/role:Role conn: assumeRolePolicy Statement[1] trusts Federated "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", which is not a role ARN',
      ],
    },
    {
      name: 'Principal "*"',
      resources: [
        mutate(role, { assumeRolePolicy: policyJson({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }) }),
      ],
      findings: ['aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts "*", which is not a role ARN'],
    },
  ],
  compliant: [
    {
      name: "exact role ARNs (with a path) and an AWS service",
      resources: [
        mutate(role, {
          assumeRolePolicy: policyJson(
            {
              Effect: "Allow",
              Principal: { AWS: [WORKLOAD, "arn:aws:iam::111122223333:role/team/batch-worker"] },
              Action: "sts:AssumeRole",
            },
            { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
          ),
        }),
      ],
    },
  ],
};
