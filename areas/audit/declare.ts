/** Turns `atlas-access:audit` into the {@link AuditTrail} watching every connection role of `atlas-access:aws`. */
import type { DeclaredArea } from "../component";
import { AuditTrail } from "./AuditTrail";
import type { AuditTrailArgs } from "./args";
import type { AuditRuleInput } from "./config";

/** The trail's arguments from the validated config, or undefined when the stack has no audit (or no AWS account). */
export function auditTrailArgs(config: AuditRuleInput): AuditTrailArgs | undefined {
  if (config.audit === undefined || config.aws === undefined) return undefined;
  return {
    accountId: config.aws.accountId,
    region: config.aws.region,
    trailName: config.audit.trailName,
    connectionRoles: config.aws.connections.map((c) => ({ name: c.name, allowedPrincipals: c.allowedPrincipals })),
    logRetentionDays: config.audit.logRetentionDays,
    bucketLifecycle: config.audit.bucketLifecycle,
    keyAdministratorArns: config.audit.keyAdministrators,
    alarmEmails: config.audit.alarmEmails,
    alarmHttpsEndpoints: config.audit.alarmHttpsEndpoints,
    cisAlarms: config.audit.cisAlarms,
  };
}

export function declareAudit(config: AuditRuleInput): DeclaredArea {
  const args = auditTrailArgs(config);
  if (args === undefined) return { summaries: [], outputs: {} };
  const audit = new AuditTrail("audit", args);
  return {
    summaries: [audit.summary],
    outputs: { auditTrailArn: audit.trailArn, auditAlarmTopicArn: audit.topicArn },
  };
}
