import { connectionRoles, physicalName, refersToRole, T } from "../../lib/stack";
import { asList, q, records, resourceLabel, strings } from "../../lib/values";
import type { StackRule } from "../../types";

export const ConnectionRoleHasNoPermissionPolicy: StackRule = {
  kind: "stack",
  id: "IAM-003",
  title: "A connection role has no permission policy of any kind, and pins that with both exclusive resources.",
  severity: "critical",
  reason:
    "A connection role exists only to be the identity an Atlas database user authenticates as. Any AWS permission on it " +
    "(inline, managed, attached elsewhere) is a second, unreviewed privilege for every workload allowed to assume it. " +
    "RolePoliciesExclusive and RolePolicyAttachmentsExclusive with empty lists make Pulumi remove policies added out of band.",
  remediation:
    "Remove the inline policy, managed policy ARN or attachment from the connection role, and declare " +
    "aws.iam.RolePoliciesExclusive({roleName, policyNames: []}) and aws.iam.RolePolicyAttachmentsExclusive({roleName, policyArns: []}).",
  check(resources) {
    const out: { resource: string; message: string }[] = [];
    for (const role of connectionRoles(resources)) {
      const name = physicalName(role);
      const label = resourceLabel(role);
      const inline = records(role.inputs.inlinePolicies).filter(
        ({ value }) => value.policy !== undefined && value.policy !== "",
      );
      if (inline.length > 0)
        out.push({
          resource: label,
          message: `connection role ${q(name)} declares inlinePolicies; it must have no permission policy`,
        });
      if (strings(role.inputs.managedPolicyArns).length > 0) {
        out.push({
          resource: label,
          message: `connection role ${q(name)} declares managedPolicyArns ${q(strings(role.inputs.managedPolicyArns))}; it must have no permission policy`,
        });
      }
      for (const r of resources) {
        if ((r.type === T.rolePolicy || r.type === T.rolePolicyAttachment) && refersToRole(r.inputs.role, role)) {
          const what = r.type === T.rolePolicy ? "an inline policy" : `managed policy ${q(r.inputs.policyArn)}`;
          out.push({
            resource: resourceLabel(r),
            message: `attaches ${what} to connection role ${q(name)}; it must have no permission policy`,
          });
        }
        if (r.type === T.policyAttachment && asList(r.inputs.roles).some((x) => refersToRole(x, role))) {
          out.push({
            resource: resourceLabel(r),
            message: `attaches managed policy ${q(r.inputs.policyArn)} to connection role ${q(name)}; it must have no permission policy`,
          });
        }
      }
      const exclusive: [string, string][] = [
        [T.rolePoliciesExclusive, "policyNames"],
        [T.rolePolicyAttachmentsExclusive, "policyArns"],
      ];
      for (const [type, field] of exclusive) {
        const guards = resources.filter((r) => r.type === type && refersToRole(r.inputs.roleName, role));
        const kind = type.split(":").pop() as string;
        if (guards.length === 0)
          out.push({ resource: label, message: `connection role ${q(name)} has no ${kind} with ${field}: []` });
        for (const g of guards) {
          const list = asList(g.inputs[field]);
          if (list.length > 0)
            out.push({
              resource: resourceLabel(g),
              message: `${field} must be [] for connection role ${q(name)}; got ${q(list)}`,
            });
        }
      }
    }
    return out;
  },
};
