/** What an audit trail watches and who it notifies, in plain words for reviewers (the plan and the stack outputs). */
import { DEFAULT_LOG_RETENTION_DAYS } from "./args";
import type { AuditTrailArgs } from "./args";
import { auditNames } from "./names";
import { CIS_PATTERNS, KEY_TAMPERING_EVENTS, TRAIL_TAMPERING_EVENTS } from "./patterns";

/** One line for the trail, one per detector family and role, one for who is notified. HTTPS URLs are only counted. */
export function auditSummaryLines(args: AuditTrailArgs): string[] {
  const { trailName } = args;
  const { bucketName, logGroupName, topicName } = auditNames(args);
  const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  const https = (args.alarmHttpsEndpoints ?? []).length;
  return [
    `trail ${trailName}: every region, management events read and write, log file validation, KMS; bucket ${bucketName}; log group ${logGroupName} kept ${retention} days`,
    ...args.connectionRoles.map(
      (r) =>
        `alarm when anyone but ${r.allowedPrincipals.length > 0 ? r.allowedPrincipals.join(", ") : "nobody"} assumes ${r.name} (IAM users, root, other accounts and failed attempts included)`,
    ),
    ...args.connectionRoles.map(
      (r) => `alarm on any change to ${r.name}: trust policy, policies, permissions boundary, update, delete, create`,
    ),
    `alarm on trail tampering: ${TRAIL_TAMPERING_EVENTS.join(", ")}; ${KEY_TAMPERING_EVENTS.join(", ")} of the trail key`,
    (args.cisAlarms ?? false) ? `CIS 4.1-4.14 alarms: on (${CIS_PATTERNS.length})` : "CIS 4.1-4.14 alarms: off",
    `notified via ${topicName}: ${args.alarmEmails.join(", ")}${https > 0 ? ` and ${https} HTTPS endpoint(s) (URLs kept secret)` : ""}`,
  ];
}
