import { mutate, policyJson, view, type RuleCases } from "../../cases";
import type { ResourceView } from "../../types";

const ARN = "arn:aws:iam::111122223333:role/conn-orders";
const GROUP = "/aws/cloudtrail/trail";
const TOPIC = "arn:aws:sns:eu-west-1:111122223333:alerts";
const role = view(
  "aws:iam/role:Role",
  {
    name: "conn-orders",
    assumeRolePolicy: policyJson({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/service-role/orders-api" },
      Action: "sts:AssumeRole",
    }),
  },
  "orders-role",
);
/** The Atlas user that makes `conn-orders` a connection role. */
const user = view("mongodbatlas:index/databaseUser:DatabaseUser", { awsIamType: "ROLE", username: ARN }, "orders-user");
const filter = (name: string, pattern: string, defaultValue?: string) =>
  view(
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    {
      logGroupName: GROUP,
      pattern,
      metricTransformation: { name, namespace: "AtlasAccess", value: "1", ...(defaultValue ? { defaultValue } : {}) },
    },
    name,
  );
const alarm = (name: string, metric: string, inputs: Record<string, unknown> = {}) =>
  view(
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    {
      metricName: metric,
      namespace: "AtlasAccess",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      treatMissingData: "notBreaching",
      alarmActions: [TOPIC],
      ...inputs,
    },
    name,
  );
const heartbeat = view(
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  {
    namespace: "AWS/Logs",
    metricName: "IncomingLogEvents",
    dimensions: { LogGroupName: GROUP },
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    treatMissingData: "breaching",
    alarmActions: [TOPIC],
  },
  "heartbeat",
);
const ev = (...names: string[]) => names.map((n) => `($.eventName="${n}")`).join("||");
const keys = filter("keys", `{${ev("PutKeyPolicy", "CreateGrant", "DisableKey", "ScheduleKeyDeletion")}}`);
const detectors = filter(
  "detectors",
  `{${ev("DeleteMetricFilter", "PutMetricFilter", "DeleteAlarms", "Unsubscribe")}}`,
  "0",
);
const workloads = filter(
  "workloads",
  `{(${ev("UpdateAssumeRolePolicy", "DeleteRole", "CreateRole")})&&($.requestParameters.roleName="orders-api")}`,
);
const trailFilter = filter("trail", `{${ev("StopLogging", "DeleteTrail", "UpdateTrail")}}`);
const delivery = filter("delivery", `{${ev("DeleteLogGroup", "PutRetentionPolicy")}}`);
const trail = view("aws:cloudtrail/trail:Trail", { isMultiRegionTrail: true }, "trail");

/** A stack without the trail (another stack's): the heartbeat, key, detector and workload detectors, each alarmed. */
const complete: ResourceView[] = [
  role,
  user,
  heartbeat,
  keys,
  alarm("keys-alarm", "keys"),
  detectors,
  alarm("detectors-alarm", "detectors"),
  alarm("detectors-liveness", "detectors", { comparisonOperator: "LessThanThreshold", treatMissingData: "breaching" }),
  workloads,
  alarm("workloads-alarm", "workloads"),
];
const without = (name: string) => complete.filter((r) => r.name !== name);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "the heartbeat treats missing data as not breaching: a stopped trail would look healthy",
      resources: [...without("heartbeat"), mutate(heartbeat, { treatMissingData: "notBreaching" })],
      findings: [
        'stack: log group "/aws/cloudtrail/trail" has no heartbeat: a MetricAlarm with alarmActions on AWS/Logs IncomingLogEvents (LogGroupName "/aws/cloudtrail/trail"), a LessThan comparison and treatMissingData "breaching"',
      ],
    },
    {
      name: "no key-tampering detector, and a detector-tampering filter that nobody notices when it is deleted",
      resources: [
        ...without("keys").filter((r) => r.name !== "detectors-liveness"),
        mutate(keys, { pattern: `{${ev("DisableKey", "ScheduleKeyDeletion")}}` }),
      ],
      findings: [
        "stack: no LogMetricFilter with an alarm (alarmActions) matches audit key tampering (PutKeyPolicy, CreateGrant, DisableKey, ScheduleKeyDeletion)",
        'stack: the detector-tampering filter "detectors" must emit a defaultValue and have an alarm with treatMissingData "breaching": deleted, it would otherwise go unnoticed',
      ],
    },
    {
      name: "a trail without trail and delivery detectors",
      resources: [...complete, trail],
      findings: [
        "stack: no LogMetricFilter with an alarm (alarmActions) matches trail tampering (StopLogging, DeleteTrail, UpdateTrail)",
        "stack: no LogMetricFilter with an alarm (alarmActions) matches delivery tampering (DeleteLogGroup, PutRetentionPolicy)",
      ],
    },
    {
      name: "a trusted workload role nobody watches (its filter names another role)",
      resources: [
        ...without("workloads"),
        mutate(workloads, {
          pattern: `{(${ev("UpdateAssumeRolePolicy", "DeleteRole", "CreateRole")})&&($.requestParameters.roleName="billing-api")}`,
        }),
      ],
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders" trusts workload role "orders-api", but no LogMetricFilter with an alarm (alarmActions) matches its UpdateAssumeRolePolicy, DeleteRole, CreateRole',
      ],
    },
  ],
  compliant: [
    { name: "every detector, each alarmed, the self-protection one with its liveness", resources: complete },
    {
      name: "with the trail, also its trail and delivery detectors",
      resources: [
        ...complete,
        trail,
        trailFilter,
        alarm("trail-alarm", "trail"),
        delivery,
        alarm("delivery-alarm", "delivery"),
      ],
    },
    {
      name: "a stack without connection roles is not this rule's concern",
      resources: complete.filter((r) => r !== user),
    },
  ],
};
