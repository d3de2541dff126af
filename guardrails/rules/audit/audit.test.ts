import { findingsOf, view } from "../../testing";
import { AUDIT_001, AUDIT_002 } from ".";

const TRAIL = "aws:cloudtrail/trail:Trail";
const good = {
  s3BucketName: "trail-bucket",
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs:*",
  cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail-to-logs",
};

describe("AUDIT-001: the trail is multi-region, validated and delivered to CloudWatch Logs", () => {
  test("Noncompliance 1: a single-region trail without validation, global events or CloudWatch Logs, logging off", () => {
    expect(
      findingsOf(
        AUDIT_001,
        view(
          TRAIL,
          { s3BucketName: "b", isMultiRegionTrail: false, includeGlobalServiceEvents: false, enableLogging: false },
          "trail",
        ),
      ),
    ).toEqual([
      "aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true",
      "aws:cloudtrail/trail:Trail trail: includeGlobalServiceEvents must not be false",
      "aws:cloudtrail/trail:Trail trail: enableLogFileValidation must be true",
      "aws:cloudtrail/trail:Trail trail: enableLogging must not be false",
      "aws:cloudtrail/trail:Trail trail: cloudWatchLogsGroupArn is not set; the trail must deliver to CloudWatch Logs",
      "aws:cloudtrail/trail:Trail trail: cloudWatchLogsRoleArn is not set; CloudTrail needs a role to write to CloudWatch Logs",
    ]);
  });
  test("Noncompliance 2: a log group ARN without the stream wildcard", () => {
    expect(
      findingsOf(
        AUDIT_001,
        view(
          TRAIL,
          { ...good, cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs" },
          "trail",
        ),
      ),
    ).toEqual([
      'aws:cloudtrail/trail:Trail trail: cloudWatchLogsGroupArn "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs" must end with ":*" (CloudTrail requires the log stream wildcard)',
    ]);
  });
  test("Compliance: the full configuration", () => {
    expect(findingsOf(AUDIT_001, view(TRAIL, good))).toEqual([]);
  });
});

describe("AUDIT-002: every connection role has foreign-assumption and tampering alarms with an action", () => {
  const ARN = "arn:aws:iam::111122223333:role/conn-orders";
  const role = view("aws:iam/role:Role", { name: "conn-orders", assumeRolePolicy: "{}" }, "orders-role");
  const user = view(
    "mongodbatlas:index/databaseUser:DatabaseUser",
    { awsIamType: "ROLE", username: ARN },
    "orders-user",
  );
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
  const alarm = (
    name: string,
    metric: string,
    alarmActions: string[] = ["arn:aws:sns:eu-west-1:111122223333:alerts"],
  ) =>
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

  test("Noncompliance 1: no metric filters at all", () => {
    expect(findingsOf(AUDIT_002, role, user)).toEqual([
      'aws:iam/role:Role orders-role: connection role "conn-orders" has no foreign-assumption LogMetricFilter',
      'aws:iam/role:Role orders-role: connection role "conn-orders" has no tampering LogMetricFilter',
    ]);
  });
  test("Noncompliance 2: filters without alarms, or alarms without actions", () => {
    expect(
      findingsOf(AUDIT_002, role, user, foreign, tamper, alarm("tamper-alarm", "ConnectionRoleTampering", [])),
    ).toEqual([
      'aws:iam/role:Role orders-role: connection role "conn-orders": no MetricAlarm with alarmActions watches the foreign-assumption metric of "orders-foreign"',
      'aws:iam/role:Role orders-role: connection role "conn-orders": no MetricAlarm with alarmActions watches the tampering metric of "tamper"',
    ]);
  });
  test("Noncompliance 3: a tampering filter for another role, and a foreign filter naming another role", () => {
    const other = filter(
      "other-tamper",
      '{ ($.eventName = "UpdateAssumeRolePolicy" || $.eventName = "PutRolePolicy" || $.eventName = "AttachRolePolicy") && $.requestParameters.roleName = "conn-billing" }',
      "T2",
    );
    const otherForeign = filter(
      "other-foreign",
      '{ $.eventName = "AssumeRole" && $.requestParameters.roleArn = "arn:aws:iam::111122223333:role/conn-orders-old" }',
      "F2",
    );
    expect(findingsOf(AUDIT_002, role, user, other, otherForeign, alarm("a", "T2"), alarm("b", "F2"))).toEqual([
      'aws:iam/role:Role orders-role: connection role "conn-orders" has no foreign-assumption LogMetricFilter',
      'aws:iam/role:Role orders-role: connection role "conn-orders" has no tampering LogMetricFilter',
    ]);
  });
  test("Compliance: both filters, each with an alarm that has an action", () => {
    expect(
      findingsOf(
        AUDIT_002,
        role,
        user,
        foreign,
        tamper,
        alarm("f-alarm", "ForeignAssume-conn-orders"),
        alarm("t-alarm", "ConnectionRoleTampering"),
      ),
    ).toEqual([]);
  });
});
