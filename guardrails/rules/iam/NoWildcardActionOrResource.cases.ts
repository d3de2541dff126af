import { mutate, policyJson, view, type RuleCases } from "../../cases";

const rolePolicy = view(
  "aws:iam/rolePolicy:RolePolicy",
  {
    role: "x",
    policy: policyJson({
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*",
    }),
  },
  "rp",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: 'a role policy with Action "*", "s3:*" and Resource "*"',
      resources: [
        mutate(rolePolicy, {
          policy: policyJson({ Effect: "Allow", Action: ["*", "s3:*", "s3:GetObject"], Resource: "*" }),
        }),
      ],
      findings: [
        'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows action "*"',
        'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows action "s3:*"',
        'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows resource "*"',
      ],
    },
    {
      name: "NotAction / NotResource with Allow, in a role's inline policy",
      resources: [
        view(
          "aws:iam/role:Role",
          {
            assumeRolePolicy: "{}",
            inlinePolicies: [
              {
                name: "p",
                policy: policyJson({ Sid: "Inv", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" }),
              },
            ],
          },
          "role",
        ),
      ],
      findings: [
        'aws:iam/role:Role role: inlinePolicies[0].policy Statement[0] (Sid "Inv") uses NotAction with Effect Allow, which allows every other action',
        'aws:iam/role:Role role: inlinePolicies[0].policy Statement[0] (Sid "Inv") uses NotResource with Effect Allow, which allows every other resource',
      ],
    },
  ],
  compliant: [
    { name: "a role policy with exact actions on an exact ARN", resources: [rolePolicy] },
    {
      name: "exact actions on exact ARNs, and a Deny on *",
      resources: [
        view("aws:iam/policy:Policy", {
          policy: policyJson(
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*",
            },
            { Effect: "Deny", Action: "*", Resource: "*" },
          ),
        }),
        view("aws:iam/role:Role", { assumeRolePolicy: "{}" }),
      ],
    },
  ],
};
