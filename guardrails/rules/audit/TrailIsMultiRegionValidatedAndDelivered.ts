import { str } from "../../lib/values";
import type { ResourceRule } from "../../types";

export const TrailIsMultiRegionValidatedAndDelivered: ResourceRule = {
  kind: "resource",
  id: "AUDIT-001",
  title:
    "The CloudTrail trail is multi-region, records global service events, validates its log files and delivers to CloudWatch Logs.",
  severity: "high",
  reason:
    "AssumeRole on a connection role can be called in any region and through the global STS endpoint; a single-region " +
    "trail, or one without global service events, misses them. Without log file validation a deleted or edited log is " +
    "undetectable, and without CloudWatch Logs no metric filter or alarm can see the events.",
  remediation:
    "Set isMultiRegionTrail: true, includeGlobalServiceEvents: true (the default), enableLogFileValidation: true, " +
    "cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*` and cloudWatchLogsRoleArn; leave enableLogging unset or true.",
  types: ["aws:cloudtrail/trail:Trail"],
  check(r) {
    const i = r.inputs;
    const out: string[] = [];
    if (i.isMultiRegionTrail !== true) out.push("isMultiRegionTrail must be true");
    if (i.includeGlobalServiceEvents === false) out.push("includeGlobalServiceEvents must not be false");
    if (i.enableLogFileValidation !== true) out.push("enableLogFileValidation must be true");
    if (i.enableLogging === false) out.push("enableLogging must not be false");
    const group = str(i.cloudWatchLogsGroupArn);
    if (!group) out.push("cloudWatchLogsGroupArn is not set; the trail must deliver to CloudWatch Logs");
    else if (!group.endsWith(":*"))
      out.push(
        `cloudWatchLogsGroupArn ${JSON.stringify(group)} must end with ":*" (CloudTrail requires the log stream wildcard)`,
      );
    if (!str(i.cloudWatchLogsRoleArn))
      out.push("cloudWatchLogsRoleArn is not set; CloudTrail needs a role to write to CloudWatch Logs");
    return out;
  },
};
