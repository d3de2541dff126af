/**
 * How the detectors alarm: one CloudWatch Logs metric filter per detector counting its matches and one alarm on that
 * count, a liveness alarm where silence means blindness, and the heartbeat of the log group, all notifying the topic.
 * What is watched is `detectors.ts`, how each alarm decides `alarmRules.ts`; this is the wiring only, called by
 * {@link AuditTrail} with itself as parent.
 */
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { ALARM_RULE, HEARTBEAT_RULE, LIVENESS_DEFAULT_VALUE, LIVENESS_RULE } from "./alarmRules";
import type { AuditKeyIds, Detector } from "./detectors";

/** Where the filters and alarms go. */
export interface AlarmTarget {
  /** Prefix of the resource names (the component's name). */
  name: string;
  region: string;
  /** Prefix of the CloudWatch names: `<prefix>-<detector key>`. */
  prefix: string;
  /** The trail's log group (this stack's, or the trail owner's). */
  logGroupName: pulumi.Input<string>;
  /** ALARM and OK notifications go here. */
  topicArn: pulumi.Input<string>;
  /** The audit keys a key detector names (its pattern is read once their ids and ARNs are known). */
  keys: { trail?: kms.Key; topic: kms.Key };
}

const ids = (key: kms.Key) => pulumi.all([key.keyId, key.arn]).apply(([keyId, keyArn]) => ({ keyId, keyArn }));

/**
 * Registers the heartbeat, then for each detector in order its metric filter, its alarm (which depends on the filter)
 * and, for a liveness detector, its liveness alarm.
 */
export function declareDetectorAlarms(parent: pulumi.Resource, target: AlarmTarget, detectors: Detector[]): void {
  const { name, region, prefix } = target;
  const actions = { alarmActions: [target.topicArn], okActions: [target.topicArn] };
  new cloudwatch.MetricAlarm(
    `${name}-heartbeat`,
    {
      region,
      name: `${prefix}-heartbeat`,
      alarmDescription:
        "No CloudTrail event reached the trail's log group for an hour: the trail, its delivery or the log group is broken, and every detector is blind.",
      ...HEARTBEAT_RULE,
      dimensions: { LogGroupName: target.logGroupName },
      ...actions,
    },
    { parent },
  );
  const keys = pulumi
    .all([target.keys.trail ? ids(target.keys.trail) : undefined, ids(target.keys.topic)])
    .apply(([trail, topic]): AuditKeyIds => (trail ? { trail, topic } : { topic }));
  for (const d of detectors) {
    const build = d.pattern;
    const pattern = typeof build === "string" ? build : keys.apply(build);
    const filter = new cloudwatch.LogMetricFilter(
      `${name}-${d.key}`,
      {
        region,
        name: `${prefix}-${d.key}`,
        logGroupName: target.logGroupName,
        pattern,
        metricTransformation: {
          namespace: d.namespace,
          name: d.metric,
          value: "1",
          ...(d.liveness ? { defaultValue: String(LIVENESS_DEFAULT_VALUE) } : {}),
        },
      },
      { parent },
    );
    const metric = { namespace: d.namespace, metricName: d.metric };
    new cloudwatch.MetricAlarm(
      `${name}-${d.key}-alarm`,
      { region, name: `${prefix}-${d.key}`, alarmDescription: d.description, ...metric, ...ALARM_RULE, ...actions },
      { parent, dependsOn: [filter] },
    );
    if (d.liveness) {
      new cloudwatch.MetricAlarm(
        `${name}-${d.key}-liveness`,
        {
          region,
          name: `${prefix}-${d.key}-liveness`,
          alarmDescription: `The metric filter ${prefix}-${d.key} saw no event for an hour: it was deleted or renamed, or the log group receives nothing.`,
          ...metric,
          ...LIVENESS_RULE,
          ...actions,
        },
        { parent, dependsOn: [filter] },
      );
    }
  }
}
