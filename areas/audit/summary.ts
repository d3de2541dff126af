/** What an audit trail watches and who it notifies, in plain words for reviewers (the plan and the stack outputs). */
import { DEFAULT_LOG_RETENTION_DAYS } from "./args";
import type { AuditTrailArgs } from "./args";
import { CIS_PATTERNS } from "./cis";
import { workloadRoleNames } from "./detectors";
import { auditNames } from "./names";
import { KEY_TAMPERING_EVENTS, TRAIL_TAMPERING_EVENTS, WORKLOAD_ROLE_EVENTS } from "./patterns";

/** One line for the trail, one per detector family and role, one for who is notified. HTTPS URLs are only counted. */
export function auditSummaryLines(args: AuditTrailArgs): string[] {
  const { trailName, trailOwner } = args;
  const { bucketName, logGroupName, topicName, deliveryRoleName, prefix } = auditNames(args);
  const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  const https = (args.alarmHttpsEndpoints ?? []).length;
  const workloads = workloadRoleNames(args);
  const who = (r: AuditTrailArgs["connectionRoles"][number]) => {
    const pods = (r.podIdentity?.serviceAccounts ?? []).map((s) => `Pod Identity ${s.namespace}/${s.name}`);
    const allowed = [...r.allowedPrincipals, ...pods];
    return allowed.length > 0 ? allowed.join(", ") : "nobody";
  };
  return [
    trailOwner === undefined
      ? `trail ${trailName}: every region, management events read and write, log file validation, KMS; bucket ${bucketName}; log group ${logGroupName} kept ${retention} days`
      : `trail ${trailName} belongs to stack ${trailOwner}: this stack's detectors (${prefix}-*) watch its log group ${logGroupName}`,
    `heartbeat: alarm when ${logGroupName} receives no event for an hour (missing data is breaching)`,
    ...args.connectionRoles.map(
      (r) =>
        `alarm when anyone but ${who(r)} assumes ${r.name} (IAM users, root, other accounts and failed attempts included)`,
    ),
    ...args.connectionRoles.map(
      (r) => `alarm on any change to ${r.name}: trust policy, policies, permissions boundary, update, delete, create`,
    ),
    ...(workloads.length > 0
      ? [`alarm on ${WORKLOAD_ROLE_EVENTS.join(", ")} of the workload roles ${workloads.join(", ")}`]
      : []),
    `alarm on trail changes: ${TRAIL_TAMPERING_EVENTS.join(", ")}`,
    `alarm on ${KEY_TAMPERING_EVENTS.join(", ")} of ${trailOwner === undefined ? "the trail key and " : ""}the topic key`,
    ...(trailOwner === undefined
      ? [
          `alarm on any change to the delivery role ${deliveryRoleName} or to the log group's existence, retention or key`,
        ]
      : []),
    `alarm on changes to this stack's metric filters, alarms, topic and subscriptions, and when that detector goes silent for an hour`,
    trailOwner === undefined && (args.cisAlarms ?? false)
      ? `CIS 4.1-4.14 alarms: on (${CIS_PATTERNS.length})`
      : "CIS 4.1-4.14 alarms: off",
    `notified via ${topicName}: ${args.alarmEmails.join(", ")}${https > 0 ? ` and ${https} HTTPS endpoint(s) (URLs kept secret)` : ""}`,
  ];
}
