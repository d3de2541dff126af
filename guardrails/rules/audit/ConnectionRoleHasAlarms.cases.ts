import { view, type RuleCases } from "../../cases";

const ARN = "arn:aws:iam::111122223333:role/conn-orders";
const role = view("aws:iam/role:Role", { name: "conn-orders", assumeRolePolicy: "{}" }, "orders-role");
/** The Atlas user that makes `conn-orders` a connection role. */
const user = view("mongodbatlas:index/databaseUser:DatabaseUser", { awsIamType: "ROLE", username: ARN }, "orders-user");
const filter = (name: string, pattern: string, metric: string) =>
  view(
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    {
      logGroupName: "trail-logs",
      pattern,
      metricTransformation: { name: metric, namespace: "AtlasAccess", value: "1" },
    },
    name,
  );
const alarm = (name: string, metric: string, alarmActions: string[] = ["arn:aws:sns:eu-west-1:111122223333:alerts"]) =>
  view(
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    {
      metricName: metric,
      namespace: "AtlasAccess",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: 1,
      period: 300,
      statistic: "Sum",
      alarmActions,
    },
    name,
  );
const foreign = filter(
  "orders-foreign",
  `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${ARN}") && ($.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::111122223333:role/orders-api") }`,
  "ForeignAssume-conn-orders",
);
const tamper = filter(
  "tamper",
  '{ ($.eventName = "UpdateAssumeRolePolicy") || ($.eventName = "PutRolePolicy") || ($.eventName = "AttachRolePolicy") }',
  "ConnectionRoleTampering",
);
/** The happy path: both filters, each watched by an alarm with an action. */
const covered = [
  role,
  user,
  foreign,
  tamper,
  alarm("f-alarm", "ForeignAssume-conn-orders"),
  alarm("t-alarm", "ConnectionRoleTampering"),
];

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "no metric filters at all",
      resources: [role, user],
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders" has no foreign-assumption LogMetricFilter',
        'aws:iam/role:Role orders-role: connection role "conn-orders" has no tampering LogMetricFilter',
      ],
    },
    {
      name: "filters without alarms, or alarms without actions",
      resources: [role, user, foreign, tamper, alarm("tamper-alarm", "ConnectionRoleTampering", [])],
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders": no MetricAlarm with alarmActions watches the foreign-assumption metric of "orders-foreign"',
        'aws:iam/role:Role orders-role: connection role "conn-orders": no MetricAlarm with alarmActions watches the tampering metric of "tamper"',
      ],
    },
    {
      name: "a tampering filter for another role, and a foreign filter naming another role",
      resources: [
        role,
        user,
        filter(
          "other-tamper",
          '{ ($.eventName = "UpdateAssumeRolePolicy" || $.eventName = "PutRolePolicy" || $.eventName = "AttachRolePolicy") && $.requestParameters.roleName = "conn-billing" }',
          "T2",
        ),
        filter(
          "other-foreign",
          '{ $.eventName = "AssumeRole" && $.requestParameters.roleArn = "arn:aws:iam::111122223333:role/conn-orders-old" }',
          "F2",
        ),
        alarm("a", "T2"),
        alarm("b", "F2"),
      ],
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders" has no foreign-assumption LogMetricFilter',
        'aws:iam/role:Role orders-role: connection role "conn-orders" has no tampering LogMetricFilter',
      ],
    },
    {
      name: "the tampering alarm without an action",
      resources: covered.map((r) => (r.name === "t-alarm" ? alarm("t-alarm", "ConnectionRoleTampering", []) : r)),
      findings: [
        'aws:iam/role:Role orders-role: connection role "conn-orders": no MetricAlarm with alarmActions watches the tampering metric of "tamper"',
      ],
    },
  ],
  compliant: [{ name: "both filters, each with an alarm that has an action", resources: covered }],
};
