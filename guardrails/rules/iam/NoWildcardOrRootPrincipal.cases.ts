import { mutate, policyJson, view, type RuleCases } from "../../cases";

const WORKLOAD = "arn:aws:iam::111122223333:role/orders-api";
const ROOT = "arn:aws:iam::111122223333:root";
const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  policyJson({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
/** Exact role, service principal, account root scoped by a Condition, and a Deny on "*". */
const scoped = policyJson(
  { Effect: "Allow", Principal: { AWS: WORKLOAD }, Action: "sts:AssumeRole" },
  { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sns:Publish", Resource: "*" },
  {
    Effect: "Allow",
    Principal: { AWS: ROOT },
    Action: "kms:*",
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalArn": WORKLOAD } },
  },
  {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  },
);
const role = view("aws:iam/role:Role", { assumeRolePolicy: trust({ AWS: WORKLOAD }) }, "conn");

export const cases: RuleCases = {
  noncompliant: [
    {
      name: 'a trust policy allowing Principal "*" (JSON text)',
      resources: [mutate(role, { assumeRolePolicy: trust("*") })],
      findings: ['aws:iam/role:Role conn: assumeRolePolicy Statement[0] allows principal "*" without a Condition'],
    },
    {
      name: 'a bucket policy object allowing AWS "*" and an account root',
      resources: [
        view(
          "aws:s3/bucketPolicy:BucketPolicy",
          {
            bucket: "b",
            policy: {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "Any",
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: "s3:GetObject",
                  Resource: "arn:aws:s3:::b/*",
                },
                {
                  Effect: "Allow",
                  Principal: { AWS: [WORKLOAD, ROOT] },
                  Action: "s3:GetObject",
                  Resource: "arn:aws:s3:::b/*",
                },
              ],
            },
          },
          "bp",
        ),
      ],
      findings: [
        'aws:s3/bucketPolicy:BucketPolicy bp: policy Statement[0] (Sid "Any") allows principal AWS "*" without a Condition',
        'aws:s3/bucketPolicy:BucketPolicy bp: policy Statement[1] allows account root "arn:aws:iam::111122223333:root" without a Condition',
      ],
    },
    {
      name: "a KMS key policy naming a bare account id, and NotPrincipal with Allow",
      resources: [
        view(
          "aws:kms/key:Key",
          {
            policy: policyJson(
              { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "kms:*", Resource: "*" },
              { Effect: "Allow", NotPrincipal: { AWS: WORKLOAD }, Action: "kms:Decrypt", Resource: "*" },
            ),
          },
          "k",
        ),
      ],
      findings: [
        'aws:kms/key:Key k: policy Statement[0] allows account root "111122223333" without a Condition',
        "aws:kms/key:Key k: policy Statement[1] uses NotPrincipal with Effect Allow, which allows everyone not listed",
      ],
    },
    {
      name: "a policy that is not JSON cannot be checked",
      resources: [view("aws:sns/topicPolicy:TopicPolicy", { arn: "a", policy: "{not json" }, "tp")],
      findings: ["aws:sns/topicPolicy:TopicPolicy tp: policy is not valid JSON, so it cannot be checked"],
    },
    {
      name: "an empty Condition does not count as a Condition",
      resources: [mutate(role, { assumeRolePolicy: trust("*", { Condition: { StringEquals: {} } }) }, "c")],
      findings: ['aws:iam/role:Role c: assumeRolePolicy Statement[0] allows principal "*" without a Condition'],
    },
  ],
  compliant: [
    { name: "a trust policy naming the exact workload role", resources: [role] },
    {
      name: 'exact role, service principal, root with a Condition, and Deny with "*"',
      resources: [
        view("aws:iam/role:Role", { assumeRolePolicy: scoped }),
        view("aws:sns/topic:Topic", { policy: scoped }),
      ],
    },
  ],
};
