/**
 * How a detector alarms: one CloudWatch Logs metric filter counting its matches and one alarm on that count, notifying
 * the topic. What is watched is `detectors.ts`; this is the wiring only, called by {@link AuditTrail} with itself as
 * parent.
 */
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import type { Detector } from "./detectors";

/** Every alarm: any match in a 5-minute period alarms; a period without one returns it to OK. */
export const ALARM_RULE = {
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  treatMissingData: "notBreaching",
  actionsEnabled: true,
} as const;

/** Where the filters and alarms go. */
export interface AlarmTarget {
  /** Prefix of the resource names (the component's name). */
  name: string;
  region: string;
  /** Prefix of the CloudWatch names: `<trailName>-<detector key>`. */
  trailName: string;
  logGroupName: pulumi.Input<string>;
  /** ALARM and OK notifications go here. */
  topicArn: pulumi.Input<string>;
  /** The key a trail-key detector names (its pattern is read once the key's id and ARN are known). */
  trailKey: kms.Key;
}

/** Registers, for each detector in order, its metric filter and then its alarm (which depends on the filter). */
export function declareDetectorAlarms(parent: pulumi.Resource, target: AlarmTarget, detectors: Detector[]): void {
  const { name, region, trailName } = target;
  for (const d of detectors) {
    const build = d.pattern;
    const pattern =
      typeof build === "string"
        ? build
        : pulumi.all([target.trailKey.keyId, target.trailKey.arn]).apply(([keyId, keyArn]) => build({ keyId, keyArn }));
    const filter = new cloudwatch.LogMetricFilter(
      `${name}-${d.key}`,
      {
        region,
        name: `${trailName}-${d.key}`,
        logGroupName: target.logGroupName,
        pattern,
        metricTransformation: { namespace: d.namespace, name: d.metric, value: "1" },
      },
      { parent },
    );
    new cloudwatch.MetricAlarm(
      `${name}-${d.key}-alarm`,
      {
        region,
        name: `${trailName}-${d.key}`,
        alarmDescription: d.description,
        namespace: d.namespace,
        metricName: d.metric,
        ...ALARM_RULE,
        alarmActions: [target.topicArn],
        okActions: [target.topicArn],
      },
      { parent, dependsOn: [filter] },
    );
  }
}
