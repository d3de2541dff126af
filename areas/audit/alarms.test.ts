/** How the detectors alarm and whom they notify, as the REAL program registers them for the example stacks. */
import { isSecret, redactSecrets } from "../../offline/registrations";
import type { RunResult } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import type { AuditTrailArgs } from "./args";
import { auditDetectors, detectorPattern } from "./detectors";
import { KEYS, PROD_ARGS, STAGING_ARGS, TOPIC_KEY } from "./fixtures/stackArgs";
import { auditNames } from "./names";
import { committedRun } from "../../test/support/committedRuns";

const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const STACKS: [string, AuditTrailArgs][] = [
  ["staging", STAGING_ARGS],
  ["prod", PROD_ARGS],
];

const runs = new Map<string, RunResult>();
beforeAll(async () => {
  for (const [stack] of STACKS) runs.set(stack, await committedRun(stack));
});
const run = (stack: string) => runs.get(stack) as RunResult;
const ofType = (result: RunResult, type: string) => result.registrations.filter((r) => r.type === type);
/** Registrations by name: a filter whose pattern waits for the trail key registers after the others. */
const byName = (registrations: Registration[]) => Object.fromEntries(registrations.map((r) => [r.name, r]));
/** The mocks' audit keys of a stack: the trail key only where the trail is created. */
const keysOf = (args: AuditTrailArgs) => (args.trailOwner ? { topic: TOPIC_KEY } : KEYS);
const prefixOf = (args: AuditTrailArgs) => auditNames(args).prefix;

describe("alarms: one metric filter and one alarm per detector", () => {
  it.each(STACKS)("%s: each filter counts its detector's pattern in the trail's log group", (stack, args) => {
    const filters = byName(ofType(run(stack), FILTER));
    expect(Object.keys(filters).sort()).toEqual(
      auditDetectors(args)
        .map((d) => `audit-${d.key}`)
        .sort(),
    );
    for (const d of auditDetectors(args)) {
      expect(filters[`audit-${d.key}`]?.inputs).toEqual({
        region: "eu-west-1",
        name: `${prefixOf(args)}-${d.key}`,
        logGroupName: "/aws/cloudtrail/syrf-prod-audit",
        pattern: detectorPattern(d, keysOf(args)),
        metricTransformation: {
          namespace: d.namespace,
          name: d.metric,
          value: "1",
          ...(d.key === "detector-tampering" ? { defaultValue: "0" } : {}),
        },
      });
    }
  });

  it.each(STACKS)(
    "%s: each alarm: Sum, 300 s, 1 period, >= 1, missing data not breaching, ALARM and OK to the topic, after its filter",
    (stack, args) => {
      const result = run(stack);
      const topicArn = String(result.outputs.auditAlarmTopicArn);
      const alarms = byName(ofType(result, ALARM));
      expect(Object.keys(alarms).sort()).toEqual(
        [
          "audit-heartbeat",
          "audit-detector-tampering-liveness",
          ...auditDetectors(args).map((d) => `audit-${d.key}-alarm`),
        ].sort(),
      );
      for (const d of auditDetectors(args)) {
        const alarm = alarms[`audit-${d.key}-alarm`];
        expect(alarm?.inputs).toEqual({
          region: "eu-west-1",
          name: `${prefixOf(args)}-${d.key}`,
          alarmDescription: d.description,
          namespace: d.namespace,
          metricName: d.metric,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          actionsEnabled: true,
          alarmActions: [topicArn],
          okActions: [topicArn],
        });
        // Its filter explicitly; the topic through its ARN input.
        expect([...(alarm?.dependsOn ?? [])].sort()).toEqual(["audit-alarm-topic", `audit-${d.key}`].sort());
      }
    },
  );

  it.each(STACKS)(
    "%s: the heartbeat: no event in the trail's log group for an hour alarms; missing data is breaching",
    (stack, args) => {
      const result = run(stack);
      const topicArn = String(result.outputs.auditAlarmTopicArn);
      const heartbeat = byName(ofType(result, ALARM))["audit-heartbeat"];
      expect(heartbeat?.inputs).toEqual({
        region: "eu-west-1",
        name: `${prefixOf(args)}-heartbeat`,
        alarmDescription:
          "No CloudTrail event reached the trail's log group for an hour: the trail, its delivery or the log group is broken, and every detector is blind.",
        namespace: "AWS/Logs",
        metricName: "IncomingLogEvents",
        dimensions: { LogGroupName: "/aws/cloudtrail/syrf-prod-audit" },
        statistic: "Sum",
        period: 3600,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
      });
    },
  );

  it.each(STACKS)(
    "%s: the self-protection detector's liveness: its filter emits 0 for every other event, and an hour without any data point alarms",
    (stack, args) => {
      const result = run(stack);
      const topicArn = String(result.outputs.auditAlarmTopicArn);
      const liveness = byName(ofType(result, ALARM))["audit-detector-tampering-liveness"];
      expect(liveness?.inputs).toEqual({
        region: "eu-west-1",
        name: `${prefixOf(args)}-detector-tampering-liveness`,
        alarmDescription: `The metric filter ${prefixOf(args)}-detector-tampering saw no event for an hour: it was deleted or renamed, or the log group receives nothing.`,
        namespace: "AtlasAccess/Audit",
        metricName: `DetectorTampering-${prefixOf(args)}`,
        statistic: "SampleCount",
        period: 3600,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
      });
      expect([...(liveness?.dependsOn ?? [])].sort()).toEqual(["audit-alarm-topic", "audit-detector-tampering"]);
    },
  );

  it("prod (cisAlarms on) has the 14 CIS alarms, staging none", () => {
    const cis = (stack: string) => ofType(run(stack), ALARM).filter((a) => a.inputs.namespace === "CISBenchmark");
    expect(cis("prod")).toHaveLength(14);
    expect(cis("staging")).toHaveLength(0);
  });
});

describe("alarms: the topic and its subscriptions", () => {
  it("the topic is encrypted with its own key", () => {
    expect(ofType(run("staging"), "aws:sns/topic:Topic").map((t) => [t.name, t.inputs])).toEqual([
      [
        "audit-alarm-topic",
        {
          region: "eu-west-1",
          name: "syrf-staging-audit-alarms",
          kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/audit-topic-key",
        },
      ],
    ]);
  });

  it("subscribes every e-mail; an HTTPS endpoint is passed as a secret and never appears in redacted output", () => {
    const prod = run("prod");
    const subs = ofType(prod, "aws:sns/topicSubscription:TopicSubscription");
    expect(subs.map((s) => [s.name, s.inputs.protocol])).toEqual([
      ["audit-email-0", "email"],
      ["audit-email-1", "email"],
      ["audit-https-0", "https"],
    ]);
    expect(subs.slice(0, 2).map((s) => s.inputs.endpoint)).toEqual([
      "security@example.com",
      "platform-oncall@example.com",
    ]);
    const https = subs[2] as Registration;
    expect(isSecret(https.inputs.endpoint)).toBe(true);
    expect(JSON.stringify(redactSecrets(prod.registrations.map((r) => r.inputs)))).not.toContain("alerts.example.com");
  });
});
