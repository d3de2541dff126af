import { alarmsOf, connectionRoles, physicalName, T } from "../../lib/stack";
import { q, resourceLabel, str } from "../../lib/values";
import type { ResourceView, StackRule } from "../../types";

/** IAM calls that change who may assume a role or what it may do; a tampering filter must match all of them. */
const TAMPERING_EVENTS: readonly string[] = ["UpdateAssumeRolePolicy", "PutRolePolicy", "AttachRolePolicy"];

/** Whether a filter pattern names this role (by name or as the end of an ARN, inside quotes). */
const names = (pattern: string, role: string): boolean =>
  pattern.includes(`"${role}"`) || pattern.includes(`/${role}"`);
/** A pattern that filters on no particular role covers every role. */
const namesNoRole = (pattern: string): boolean => !/roleName|roleArn/.test(pattern);

const alarmed = (filter: ResourceView, alarms: readonly ResourceView[]): boolean => alarmsOf(filter, alarms).length > 0;

export const ConnectionRoleHasAlarms: StackRule = {
  kind: "stack",
  id: "AUDIT-002",
  title: "Every connection role has a foreign-assumption alarm and a tampering alarm, each with an alarm action.",
  severity: "high",
  reason:
    "The trust policy is the connection role's only guard. An AssumeRole by an unexpected caller, or a change to the " +
    "role's trust or permissions, must page someone; a metric filter without an alarm, or an alarm without an action, " +
    "tells nobody.",
  remediation:
    "For each connection role, declare a LogMetricFilter on the trail's log group matching AssumeRole with " +
    `requestParameters.roleArn = the role ARN (excluding its allowed callers), and one matching ${TAMPERING_EVENTS.join(", ")} ` +
    "on the role, each with a MetricAlarm on the filter's metric whose alarmActions name an SNS topic.",
  check(resources) {
    const filters = resources.filter((r) => r.type === T.logMetricFilter);
    const alarms = resources.filter((r) => r.type === T.metricAlarm);
    const out: { resource: string; message: string }[] = [];
    for (const role of connectionRoles(resources)) {
      const name = physicalName(role);
      const kinds: [string, (p: string) => boolean][] = [
        ["foreign-assumption", (p) => /AssumeRole/.test(p) && names(p, name)],
        ["tampering", (p) => TAMPERING_EVENTS.every((e) => p.includes(e)) && (names(p, name) || namesNoRole(p))],
      ];
      for (const [kind, matches] of kinds) {
        const candidates = filters.filter((f) => matches(str(f.inputs.pattern) ?? ""));
        if (candidates.length === 0) {
          out.push({
            resource: resourceLabel(role),
            message: `connection role ${q(name)} has no ${kind} LogMetricFilter`,
          });
        } else if (!candidates.some((f) => alarmed(f, alarms))) {
          out.push({
            resource: resourceLabel(role),
            message: `connection role ${q(name)}: no MetricAlarm with alarmActions watches the ${kind} metric of ${candidates.map((f) => q(f.name)).join(", ")}`,
          });
        }
      }
    }
    return out;
  },
};
