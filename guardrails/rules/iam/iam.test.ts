import { findingsOf, policyJson, view } from "../../testing";
import { IAM_001, IAM_002, IAM_003, IAM_004 } from ".";

const ROLE = "aws:iam/role:Role";
const WORKLOAD = "arn:aws:iam::111122223333:role/orders-api";
const ROOT = "arn:aws:iam::111122223333:root";
const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  policyJson({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });

describe("IAM-001: no trust or resource policy allows * or an account root without a Condition", () => {
  test('Noncompliance 1: a trust policy allowing Principal "*" (JSON text)', () => {
    expect(findingsOf(IAM_001, view(ROLE, { assumeRolePolicy: trust("*") }, "conn"))).toEqual([
      'aws:iam/role:Role conn: assumeRolePolicy Statement[0] allows principal "*" without a Condition',
    ]);
  });
  test('Noncompliance 2: a bucket policy object allowing AWS "*" and an account root', () => {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Any", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Allow", Principal: { AWS: [WORKLOAD, ROOT] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
      ],
    };
    expect(findingsOf(IAM_001, view("aws:s3/bucketPolicy:BucketPolicy", { bucket: "b", policy }, "bp"))).toEqual([
      'aws:s3/bucketPolicy:BucketPolicy bp: policy Statement[0] (Sid "Any") allows principal AWS "*" without a Condition',
      'aws:s3/bucketPolicy:BucketPolicy bp: policy Statement[1] allows account root "arn:aws:iam::111122223333:root" without a Condition',
    ]);
  });
  test("Noncompliance 3: a KMS key policy naming a bare account id, and NotPrincipal with Allow", () => {
    const policy = policyJson(
      { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "kms:*", Resource: "*" },
      { Effect: "Allow", NotPrincipal: { AWS: WORKLOAD }, Action: "kms:Decrypt", Resource: "*" },
    );
    expect(findingsOf(IAM_001, view("aws:kms/key:Key", { policy }, "k"))).toEqual([
      'aws:kms/key:Key k: policy Statement[0] allows account root "111122223333" without a Condition',
      "aws:kms/key:Key k: policy Statement[1] uses NotPrincipal with Effect Allow, which allows everyone not listed",
    ]);
  });
  test("Noncompliance 4: a policy that is not JSON cannot be checked", () => {
    expect(
      findingsOf(IAM_001, view("aws:sns/topicPolicy:TopicPolicy", { arn: "a", policy: "{not json" }, "tp")),
    ).toEqual(["aws:sns/topicPolicy:TopicPolicy tp: policy is not valid JSON, so it cannot be checked"]);
  });
  test('Compliance: exact role, service principal, root with a Condition, and Deny with "*"', () => {
    const policy = policyJson(
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
    expect(
      findingsOf(IAM_001, view(ROLE, { assumeRolePolicy: policy }), view("aws:sns/topic:Topic", { policy })),
    ).toEqual([]);
  });
  test("Noncompliance 5: an empty Condition does not count as a Condition", () => {
    expect(
      findingsOf(IAM_001, view(ROLE, { assumeRolePolicy: trust("*", { Condition: { StringEquals: {} } }) }, "c")),
    ).toEqual(['aws:iam/role:Role c: assumeRolePolicy Statement[0] allows principal "*" without a Condition']);
  });
});

describe("IAM-002: no identity policy allows a * action or a * resource", () => {
  test('Noncompliance 1: a role policy with Action "*", "s3:*" and Resource "*"', () => {
    const policy = policyJson({ Effect: "Allow", Action: ["*", "s3:*", "s3:GetObject"], Resource: "*" });
    expect(findingsOf(IAM_002, view("aws:iam/rolePolicy:RolePolicy", { role: "x", policy }, "rp"))).toEqual([
      'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows action "*"',
      'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows action "s3:*"',
      'aws:iam/rolePolicy:RolePolicy rp: policy Statement[0] allows resource "*"',
    ]);
  });
  test("Noncompliance 2: NotAction / NotResource with Allow, in a role's inline policy", () => {
    const policy = policyJson({ Sid: "Inv", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" });
    expect(
      findingsOf(IAM_002, view(ROLE, { assumeRolePolicy: "{}", inlinePolicies: [{ name: "p", policy }] }, "role")),
    ).toEqual([
      'aws:iam/role:Role role: inlinePolicies[0].policy Statement[0] (Sid "Inv") uses NotAction with Effect Allow, which allows every other action',
      'aws:iam/role:Role role: inlinePolicies[0].policy Statement[0] (Sid "Inv") uses NotResource with Effect Allow, which allows every other resource',
    ]);
  });
  test("Compliance: exact actions on exact ARNs, and a Deny on *", () => {
    const policy = policyJson(
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*",
      },
      { Effect: "Deny", Action: "*", Resource: "*" },
    );
    expect(
      findingsOf(IAM_002, view("aws:iam/policy:Policy", { policy }), view(ROLE, { assumeRolePolicy: "{}" })),
    ).toEqual([]);
  });
});

describe("IAM-003: a connection role has no permission policy and pins that with both exclusive resources", () => {
  const role = view(ROLE, { name: "conn-orders", assumeRolePolicy: trust({ AWS: WORKLOAD }) }, "orders-role");
  const user = view(
    "mongodbatlas:index/databaseUser:DatabaseUser",
    { awsIamType: "ROLE", username: "arn:aws:iam::111122223333:role/conn-orders" },
    "orders-user",
  );
  const pinned = [
    view(
      "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
      { roleName: "conn-orders", policyNames: [] },
      "orders-inline",
    ),
    view(
      "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
      { roleName: "conn-orders", policyArns: [] },
      "orders-attach",
    ),
  ];

  test("Noncompliance 1: inline and managed policies on the role, a RolePolicy by Role reference and an attachment by ARN", () => {
    const bad = {
      ...role,
      inputs: {
        ...role.inputs,
        inlinePolicies: [{ name: "x", policy: "{}" }],
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      },
    };
    const resources = [
      bad,
      user,
      ...pinned,
      view(
        "aws:iam/rolePolicy:RolePolicy",
        { role: { __pulumiResource: true, __pulumiType: ROLE, __name: "orders-role" }, policy: "{}" },
        "rp",
      ),
      view(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        {
          role: "arn:aws:iam::111122223333:role/conn-orders",
          policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        },
        "att",
      ),
      view(
        "aws:iam/policyAttachment:PolicyAttachment",
        { roles: ["conn-orders"], policyArn: "arn:aws:iam::111122223333:policy/p" },
        "pa",
      ),
    ];
    expect(findingsOf(IAM_003, ...resources)).toEqual([
      'aws:iam/role:Role orders-role: connection role "conn-orders" declares inlinePolicies; it must have no permission policy',
      'aws:iam/role:Role orders-role: connection role "conn-orders" declares managedPolicyArns ["arn:aws:iam::aws:policy/ReadOnlyAccess"]; it must have no permission policy',
      'aws:iam/rolePolicy:RolePolicy rp: attaches an inline policy to connection role "conn-orders"; it must have no permission policy',
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment att: attaches managed policy "arn:aws:iam::aws:policy/AdministratorAccess" to connection role "conn-orders"; it must have no permission policy',
      'aws:iam/policyAttachment:PolicyAttachment pa: attaches managed policy "arn:aws:iam::111122223333:policy/p" to connection role "conn-orders"; it must have no permission policy',
    ]);
  });
  test("Noncompliance 2: an exclusive resource missing, the other not empty", () => {
    const notEmpty = view(
      "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
      { roleName: "conn-orders", policyNames: ["extra"] },
      "orders-inline",
    );
    expect(findingsOf(IAM_003, role, user, notEmpty)).toEqual([
      'aws:iam/rolePoliciesExclusive:RolePoliciesExclusive orders-inline: policyNames must be [] for connection role "conn-orders"; got ["extra"]',
      'aws:iam/role:Role orders-role: connection role "conn-orders" has no RolePolicyAttachmentsExclusive with policyArns: []',
    ]);
  });
  test("Compliance: a bare connection role pinned empty; a policy on a role no Atlas user authenticates as", () => {
    const other = view(ROLE, { name: "trail-to-logs", assumeRolePolicy: "{}" }, "trail-role");
    const otherPolicy = view("aws:iam/rolePolicy:RolePolicy", { role: "trail-to-logs", policy: "{}" }, "trail-policy");
    expect(findingsOf(IAM_003, role, user, ...pinned, other, otherPolicy)).toEqual([]);
  });
});

describe("IAM-004: every AWS principal a role trusts is an exact role ARN", () => {
  test("Noncompliance 1: a user, the account root, a wildcard role and a federated principal", () => {
    const policy = policyJson(
      {
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:user/alice", ROOT, "arn:aws:iam::111122223333:role/*"] },
        Action: "sts:AssumeRole",
      },
      {
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
      },
    );
    expect(findingsOf(IAM_004, view(ROLE, { assumeRolePolicy: policy }, "conn"))).toEqual([
      'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:user/alice", which is not a role ARN',
      'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:root", which is not a role ARN',
      'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:role/*", which is not a role ARN',
      'aws:iam/role:Role conn: assumeRolePolicy Statement[1] trusts Federated "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", which is not a role ARN',
    ]);
  });
  test('Noncompliance 2: Principal "*"', () => {
    expect(findingsOf(IAM_004, view(ROLE, { assumeRolePolicy: trust("*") }, "conn"))).toEqual([
      'aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts "*", which is not a role ARN',
    ]);
  });
  test("Compliance: exact role ARNs (with a path) and an AWS service", () => {
    const policy = policyJson(
      {
        Effect: "Allow",
        Principal: { AWS: [WORKLOAD, "arn:aws:iam::111122223333:role/team/batch-worker"] },
        Action: "sts:AssumeRole",
      },
      { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
    );
    expect(findingsOf(IAM_004, view(ROLE, { assumeRolePolicy: policy }))).toEqual([]);
  });
});
