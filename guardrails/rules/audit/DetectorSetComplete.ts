import { parseRoleArn } from "../../../domain/aws";
import { isAllow, parsePolicy, principals } from "../../lib/iamPolicy";
import { alarmsOf, connectionRoles, physicalName, T } from "../../lib/stack";
import { isRecord, q, resourceLabel, str, strings } from "../../lib/values";
import type { ResourceView, StackRule } from "../../types";

/** What a detector family must match (every one of these event names appears in its pattern). */
const FAMILIES = {
  "audit key tampering": ["PutKeyPolicy", "CreateGrant", "DisableKey", "ScheduleKeyDeletion"],
  "detector tampering": ["DeleteMetricFilter", "DeleteAlarms", "Unsubscribe"],
  "trail tampering": ["StopLogging", "DeleteTrail", "UpdateTrail"],
  "delivery tampering": ["DeleteLogGroup", "PutRetentionPolicy"],
} as const;
type Family = keyof typeof FAMILIES;
/** The workload hop: a workload role's trust rewritten, or the role deleted and re-created under the same name. */
const WORKLOAD_EVENTS = ["UpdateAssumeRolePolicy", "DeleteRole", "CreateRole"] as const;

const includesAll = (pattern: string, events: readonly string[]) => events.every((e) => pattern.includes(e));
const patternOf = (f: ResourceView) => str(f.inputs.pattern) ?? "";
/** Whether `alarm` treats silence as trouble. */
const breaching = (alarm: ResourceView) => alarm.inputs.treatMissingData === "breaching";

export const DetectorSetComplete: StackRule = {
  kind: "stack",
  id: "AUDIT-003",
  title:
    "A stack with connection roles has a heartbeat on its trail's log group, detectors for tampering with the audit itself, and a detector for each workload role its connection roles trust.",
  severity: "high",
  reason:
    "Alarms whose missing data is 'not breaching' stay OK when CloudTrail stops delivering: a stopped trail, a changed key " +
    "policy or delivery role, a deleted log group or metric filter blinds every detector silently. And whoever can rewrite " +
    "a trusted workload role's trust policy, or delete and re-create it, assumes the connection role as an allowed caller.",
  remediation:
    "Add a MetricAlarm on AWS/Logs IncomingLogEvents (dimension LogGroupName) with a LessThan comparison and treatMissingData " +
    "'breaching'; alarmed LogMetricFilters for KMS key-policy, grant and key-state changes, for changes to the filters, alarms " +
    "and topic (that filter emitting a defaultValue, with an alarm whose missing data is breaching), and, with a trail, for " +
    "trail and delivery changes; and one matching UpdateAssumeRolePolicy, DeleteRole and CreateRole on each trusted workload role.",
  check(resources) {
    const roles = connectionRoles(resources);
    const filters = resources.filter((r) => r.type === T.logMetricFilter);
    if (roles.length === 0 || filters.length === 0) return [];
    const alarms = resources.filter((r) => r.type === T.metricAlarm);
    const out: { resource: string; message: string }[] = [];
    const stack = (message: string) => out.push({ resource: "stack", message });

    const groups = [...new Set(filters.map((f) => str(f.inputs.logGroupName)).filter((g) => g !== undefined))];
    for (const group of groups) {
      const heartbeat = alarms.some(
        (a) =>
          a.inputs.namespace === "AWS/Logs" &&
          a.inputs.metricName === "IncomingLogEvents" &&
          isRecord(a.inputs.dimensions) &&
          a.inputs.dimensions.LogGroupName === group &&
          /^LessThan/.test(str(a.inputs.comparisonOperator) ?? "") &&
          breaching(a) &&
          strings(a.inputs.alarmActions).length > 0,
      );
      if (!heartbeat) {
        stack(
          `log group ${q(group)} has no heartbeat: a MetricAlarm with alarmActions on AWS/Logs IncomingLogEvents (LogGroupName ${q(group)}), a LessThan comparison and treatMissingData "breaching"`,
        );
      }
    }

    const families: Family[] = ["audit key tampering", "detector tampering"];
    if (resources.some((r) => r.type === "aws:cloudtrail/trail:Trail"))
      families.push("trail tampering", "delivery tampering");
    for (const family of families) {
      const events = FAMILIES[family];
      const candidates = filters.filter((f) => includesAll(patternOf(f), events));
      const watched = candidates.filter((f) => alarmsOf(f, alarms).length > 0);
      if (watched.length === 0) {
        stack(`no LogMetricFilter with an alarm (alarmActions) matches ${family} (${events.join(", ")})`);
        continue;
      }
      if (family !== "detector tampering") continue;
      const live = watched.some((f) => {
        const mt = f.inputs.metricTransformation;
        return isRecord(mt) && mt.defaultValue !== undefined && alarmsOf(f, alarms).some(breaching);
      });
      if (!live) {
        stack(
          `the detector-tampering filter ${watched.map((f) => q(f.name)).join(", ")} must emit a defaultValue and have an alarm with treatMissingData "breaching": deleted, it would otherwise go unnoticed`,
        );
      }
    }

    for (const role of roles) {
      const policy = parsePolicy(role.inputs.assumeRolePolicy);
      if (!policy?.ok) continue;
      const workloads = policy.statements
        .filter(isAllow)
        .flatMap((s) => principals(s))
        .filter((p) => p.kind === "AWS")
        .map((p) => parseRoleArn(p.value)?.name)
        .filter((n): n is string => n !== undefined);
      for (const workload of [...new Set(workloads)]) {
        const watched = filters.some(
          (f) =>
            includesAll(patternOf(f), WORKLOAD_EVENTS) &&
            patternOf(f).includes(`"${workload}"`) &&
            alarmsOf(f, alarms).length > 0,
        );
        if (!watched) {
          out.push({
            resource: resourceLabel(role),
            message: `connection role ${q(physicalName(role))} trusts workload role ${q(workload)}, but no LogMetricFilter with an alarm (alarmActions) matches its ${WORKLOAD_EVENTS.join(", ")}`,
          });
        }
      }
    }
    return out;
  },
};
