/** Turns `atlas-access:audit` into the {@link AuditTrail} watching every connection role of `atlas-access:aws`. */
import type { DeclaredArea } from "../component";
import { AuditTrail } from "./AuditTrail";
import type { AuditRuleInput } from "./config";
import { auditTrailArgs } from "./fromConfig";

export { auditTrailArgs };

export function declareAudit(config: AuditRuleInput): DeclaredArea {
  const args = auditTrailArgs(config);
  if (args === undefined) return { summaries: [], outputs: {} };
  const audit = new AuditTrail("audit", args);
  return {
    summaries: [audit.summary],
    outputs: { auditTrailArn: audit.trailArn, auditAlarmTopicArn: audit.topicArn },
  };
}
