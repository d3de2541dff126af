/** The audit component's arguments from the validated config. Pure: config tests use it without the Pulumi SDK. */
import type { AuditTrailArgs } from "./args";
import type { AuditRuleInput } from "./config";
import { watchedRoles } from "./watched";

/** The trail's arguments from the validated config, or undefined when the stack has no audit (or no AWS account). */
export function auditTrailArgs(config: AuditRuleInput): AuditTrailArgs | undefined {
  const { audit, aws } = config;
  if (audit === undefined || aws === undefined) return undefined;
  return {
    accountId: aws.accountId,
    region: aws.region,
    trailName: audit.trailName,
    ...(audit.trailOwner !== undefined ? { trailOwner: audit.trailOwner } : {}),
    ...(audit.namePrefix !== undefined ? { namePrefix: audit.namePrefix } : {}),
    connectionRoles: watchedRoles(aws),
    ...(audit.logRetentionDays !== undefined ? { logRetentionDays: audit.logRetentionDays } : {}),
    ...(audit.bucketLifecycle !== undefined ? { bucketLifecycle: audit.bucketLifecycle } : {}),
    keyAdministratorArns: audit.keyAdministrators,
    alarmEmails: audit.alarmEmails,
    alarmHttpsEndpoints: audit.alarmHttpsEndpoints,
    cisAlarms: audit.cisAlarms,
  };
}
