/** Turns `atlas-access:audit` into the {@link AuditTrail} watching every connection role of `atlas-access:aws`. */
import type { DeclaredArea } from "../component";
import { AuditTrail } from "./AuditTrail";
import type { AuditRuleInput } from "./config";

export function declareAudit(config: AuditRuleInput): DeclaredArea {
  if (config.audit === undefined || config.aws === undefined) return { summaries: [], outputs: {} };
  const audit = new AuditTrail("audit", {
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
  });
  return {
    summaries: [audit.summary],
    outputs: { auditTrailArn: audit.trailArn, auditAlarmTopicArn: audit.topicArn },
  };
}
