import { mutate, policyJson, view, type RuleCases } from "../../cases";

const ROLE = "aws:iam/role:Role";
const role = view(
  ROLE,
  {
    name: "conn-orders",
    assumeRolePolicy: policyJson({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/orders-api" },
      Action: "sts:AssumeRole",
    }),
  },
  "orders-role",
);
/** The Atlas user that makes `conn-orders` a connection role. */
const user = view(
  "mongodbatlas:index/databaseUser:DatabaseUser",
  { awsIamType: "ROLE", username: "arn:aws:iam::111122223333:role/conn-orders" },
  "orders-user",
);
const inlinePinned = view(
  "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  { roleName: "conn-orders", policyNames: [] },
  "orders-inline",
);
const attachmentsPinned = view(
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  { roleName: "conn-orders", policyArns: [] },
  "orders-attach",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "inline and managed policies on the role, a RolePolicy by Role reference and an attachment by ARN",
      resources: [
        mutate(role, {
          inlinePolicies: [{ name: "x", policy: "{}" }],
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        }),
        user,
        inlinePinned,
        attachmentsPinned,
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
      ],
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders" declares inlinePolicies; it must have no permission policy',
        'aws:iam/role:Role orders-role: connection role "conn-orders" declares managedPolicyArns ["arn:aws:iam::aws:policy/ReadOnlyAccess"]; it must have no permission policy',
        'aws:iam/rolePolicy:RolePolicy rp: attaches an inline policy to connection role "conn-orders"; it must have no permission policy',
        'aws:iam/rolePolicyAttachment:RolePolicyAttachment att: attaches managed policy "arn:aws:iam::aws:policy/AdministratorAccess" to connection role "conn-orders"; it must have no permission policy',
        'aws:iam/policyAttachment:PolicyAttachment pa: attaches managed policy "arn:aws:iam::111122223333:policy/p" to connection role "conn-orders"; it must have no permission policy',
      ],
    },
    {
      name: "an exclusive resource missing, the other not empty",
      resources: [role, user, mutate(inlinePinned, { policyNames: ["extra"] })],
      findings: [
        'aws:iam/rolePoliciesExclusive:RolePoliciesExclusive orders-inline: policyNames must be [] for connection role "conn-orders"; got ["extra"]',
        'aws:iam/role:Role orders-role: connection role "conn-orders" has no RolePolicyAttachmentsExclusive with policyArns: []',
      ],
    },
  ],
  compliant: [
    {
      name: "a bare connection role pinned empty; a policy on a role no Atlas user authenticates as",
      resources: [
        role,
        user,
        inlinePinned,
        attachmentsPinned,
        view(ROLE, { name: "trail-to-logs", assumeRolePolicy: "{}" }, "trail-role"),
        view("aws:iam/rolePolicy:RolePolicy", { role: "trail-to-logs", policy: "{}" }, "trail-policy"),
      ],
    },
  ],
};
