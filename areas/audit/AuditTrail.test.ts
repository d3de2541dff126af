/** The AuditTrail component as the REAL program declares it for the example stacks (offline harness, exact inputs). */
import { runStack } from "../../offline/harness";
import { isSecret, redactSecrets } from "../../offline/registrations";
import type { RunResult } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import { AUDIT_TRAIL_TYPE, auditTrailArgProblems } from "./AuditTrail";
import type { AuditTrailArgs } from "./AuditTrail";

const ACCT = "111122223333";
const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-staging-audit";
const BUCKET_ARN = "arn:aws:s3:::syrf-staging-audit-111122223333";
const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-staging-audit";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms";
const TRAIL_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/audit-trail-key";
const KEY_ADMINISTRATORS = {
  AWS: ["arn:aws:iam::111122223333:role/syrf-staging-deploy", "arn:aws:iam::111122223333:role/security-break-glass"],
};
const KEY_ADMIN = {
  Sid: "KeyAdministrators",
  Effect: "Allow",
  Principal: KEY_ADMINISTRATORS,
  Action: [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
  ],
  Resource: "*",
};

let staging: RunResult;
let prod: RunResult;
beforeAll(async () => {
  staging = await runStack({ stack: "staging" });
  prod = await runStack({ stack: "prod" });
});

function one(result: RunResult, type: string, name: string): Registration {
  const found = result.registrations.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0] as Registration;
}
const policyOf = (r: Registration, key = "policy") => JSON.parse(String(r.inputs[key])) as unknown;
const ofType = (result: RunResult, type: string) => result.registrations.filter((r) => r.type === type);

describe("AuditTrail: the component", () => {
  it("is registered once with its type token, and every AWS resource is its child, pinned to the config's region", () => {
    expect(staging.registrations.filter((r) => r.type === AUDIT_TRAIL_TYPE).map((r) => r.name)).toEqual(["audit"]);
    const children = staging.registrations.filter((r) => r.parent === "audit");
    const connectionRoles = new Set(
      staging.registrations.filter((r) => r.type === "atlas-access:aws:ConnectionRole").map((r) => r.name),
    );
    const notConnection = (r: { parent: string | null }) => r.parent === null || !connectionRoles.has(r.parent);
    expect(children.length).toBe(
      staging.registrations.filter((r) => r.type.startsWith("aws:") && notConnection(r)).length,
    );
    for (const r of children.filter(
      (c) => c.type !== "aws:iam/role:Role" && c.type !== "aws:iam/rolePolicy:RolePolicy",
    )) {
      expect({ name: r.name, region: r.inputs.region }).toEqual({ name: r.name, region: "eu-west-1" });
    }
  });

  it("the ARN every policy names is the trail's real ARN", () => {
    expect(staging.outputs.auditTrailArn).toBe(TRAIL_ARN);
    expect(staging.outputs.auditAlarmTopicArn).toBe(TOPIC_ARN);
  });

  it("summarises what is watched and who is notified", () => {
    expect(staging.outputs.accessSummary).toContainEqual({
      component: AUDIT_TRAIL_TYPE,
      name: "audit",
      lines: [
        "trail syrf-staging-audit: every region, management events read and write, log file validation, KMS; bucket syrf-staging-audit-111122223333; log group /aws/cloudtrail/syrf-staging-audit kept 400 days",
        "alarm when anyone but arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda assumes syrf-staging-api-atlas (IAM users, root, other accounts and failed attempts included)",
        "alarm when anyone but arn:aws:iam::111122223333:role/syrf-staging-reports-task, arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda assumes syrf-staging-reports-atlas (IAM users, root, other accounts and failed attempts included)",
        "alarm on any change to syrf-staging-api-atlas: trust policy, policies, permissions boundary, update, delete, create",
        "alarm on any change to syrf-staging-reports-atlas: trust policy, policies, permissions boundary, update, delete, create",
        "alarm on trail tampering: CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors; DisableKey, ScheduleKeyDeletion of the trail key",
        "CIS 4.1-4.14 alarms: off",
        "notified via syrf-staging-audit-alarms: security@example.com, platform-oncall@example.com",
      ],
    });
  });
});

describe("AuditTrail: trail storage", () => {
  it("a dedicated bucket named <trail>-<account>, never force-destroyed", () => {
    expect(one(staging, "aws:s3/bucket:Bucket", "audit-bucket").inputs).toEqual({
      region: "eu-west-1",
      bucket: "syrf-staging-audit-111122223333",
      forceDestroy: false,
    });
  });

  it("blocks all public access, enforces bucket-owner ownership, versions, and encrypts with the trail key by default", () => {
    expect(
      one(staging, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "audit-bucket-public-access").inputs,
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      one(staging, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "audit-bucket-ownership").inputs.rule,
    ).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(
      one(staging, "aws:s3/bucketVersioning:BucketVersioning", "audit-bucket-versioning").inputs
        .versioningConfiguration,
    ).toEqual({ status: "Enabled" });
    expect(
      one(
        staging,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "audit-bucket-encryption",
      ).inputs.rules,
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: TRAIL_KEY_ARN },
        bucketKeyEnabled: true,
      },
    ]);
  });

  it("applies the lifecycle from config", () => {
    expect(
      one(staging, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "audit-bucket-lifecycle").inputs
        .rules,
    ).toEqual([
      {
        id: "trail-log-files",
        status: "Enabled",
        filter: { prefix: "" },
        transitions: [{ days: 90, storageClass: "GLACIER" }],
        expiration: { days: 730 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("bucket policy: TLS only; CloudTrail may check the ACL and write its prefix only for this trail (aws:SourceArn)", () => {
    expect(policyOf(one(staging, "aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "AWSCloudTrailAclCheck20150319",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: BUCKET_ARN,
          Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "AWSCloudTrailWrite20150319",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${BUCKET_ARN}/AWSLogs/${ACCT}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
        },
      ],
    });
  });

  it("trail key: rotation on; CloudTrail encrypts only for this trail (encryption context + aws:SourceArn); the log group only for itself", () => {
    const key = one(staging, "aws:kms/key:Key", "audit-trail-key");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(policyOf(key)).toEqual({
      Version: "2012-10-17",
      Statement: [
        KEY_ADMIN,
        {
          Sid: "CloudTrailEncryptsThisTrail",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          Condition: {
            StringEquals: { "aws:SourceArn": TRAIL_ARN },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL_ARN },
          },
        },
        {
          Sid: "CloudTrailDescribesKey",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:DescribeKey",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "KeyAdministratorsReadThisTrailsLogFiles",
          Effect: "Allow",
          Principal: KEY_ADMINISTRATORS,
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL_ARN } },
        },
        {
          Sid: "LogGroupEncryptsItself",
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": LOG_GROUP_ARN } },
        },
      ],
    });
  });
});

describe("AuditTrail: the trail and its log group", () => {
  it("multi-region, global events, validation, management events read and write, KMS, CloudWatch Logs with :*", () => {
    const trail = one(staging, "aws:cloudtrail/trail:Trail", "audit-trail");
    expect(trail.inputs).toEqual({
      region: "eu-west-1",
      name: "syrf-staging-audit",
      s3BucketName: "syrf-staging-audit-111122223333",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: TRAIL_KEY_ARN,
      cloudWatchLogsGroupArn: `${LOG_GROUP_ARN}:*`,
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/syrf-staging-audit-cloudwatch-delivery",
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
    });
    // Explicit: the bucket policy and the delivery policy must exist before CloudTrail checks them; the rest are inputs.
    expect(trail.dependsOn.sort()).toEqual([
      "audit-bucket",
      "audit-bucket-policy",
      "audit-delivery-policy",
      "audit-delivery-role",
      "audit-log-group",
      "audit-trail-key",
    ]);
  });

  it("the log group keeps events for the configured retention, encrypted with the trail key", () => {
    expect(one(staging, "aws:cloudwatch/logGroup:LogGroup", "audit-log-group").inputs).toEqual({
      region: "eu-west-1",
      name: "/aws/cloudtrail/syrf-staging-audit",
      retentionInDays: 400,
      kmsKeyId: TRAIL_KEY_ARN,
    });
  });

  it("the delivery role: CloudTrail only, two actions, this group's CloudTrail streams only", () => {
    expect(policyOf(one(staging, "aws:iam/role:Role", "audit-delivery-role"), "assumeRolePolicy")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(policyOf(one(staging, "aws:iam/rolePolicy:RolePolicy", "audit-delivery-policy"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WriteThisTrailsStreamsOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${LOG_GROUP_ARN}:log-stream:${ACCT}_CloudTrail_*`,
        },
      ],
    });
  });
});

describe("AuditTrail: alarms and notification", () => {
  it("each metric filter has one alarm on its metric: Sum, 300 s, >= 1, missing data not breaching, ALARM and OK to the topic", () => {
    for (const result of [staging, prod]) {
      const topicArn = String(result.outputs.auditAlarmTopicArn);
      const filters = ofType(result, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
      const alarms = ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm");
      expect(alarms.map((a) => a.name)).toEqual(filters.map((f) => `${f.name}-alarm`));
      filters.forEach((f, i) => {
        const alarm = alarms[i] as Registration;
        const metric = f.inputs.metricTransformation as { namespace: string; name: string; value: string };
        expect(metric.value).toBe("1");
        expect(f.inputs.logGroupName).toBe(
          result.stack === "prod" ? "/aws/cloudtrail/syrf-prod-audit" : "/aws/cloudtrail/syrf-staging-audit",
        );
        expect(alarm.inputs).toMatchObject({
          namespace: metric.namespace,
          metricName: metric.name,
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
      });
    }
    expect(
      ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "CISBenchmark"),
    ).toHaveLength(14);
    expect(
      ofType(staging, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "CISBenchmark"),
    ).toHaveLength(0);
  });

  it("the topic is encrypted with a key CloudWatch may use; only this account's alarms may publish", () => {
    expect(one(staging, "aws:sns/topic:Topic", "audit-alarm-topic").inputs).toEqual({
      region: "eu-west-1",
      name: "syrf-staging-audit-alarms",
      kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/audit-topic-key",
    });
    const topicKey = one(staging, "aws:kms/key:Key", "audit-topic-key");
    expect(topicKey.inputs.enableKeyRotation).toBe(true);
    expect(policyOf(topicKey)).toEqual({
      Version: "2012-10-17",
      Statement: [
        KEY_ADMIN,
        {
          Sid: "CloudWatchPublishesEncrypted",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
        },
      ],
    });
    expect(policyOf(one(staging, "aws:sns/topicPolicy:TopicPolicy", "audit-alarm-topic-policy"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchAlarmsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: TOPIC_ARN,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCT },
            ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*" },
          },
        },
      ],
    });
  });

  it("subscribes every e-mail; an HTTPS endpoint is passed as a secret and never appears in redacted output", () => {
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

  it("saves the Logs Insights query: who assumed each connection role, with identity, source IP and issuer role, newest first", () => {
    expect(one(staging, "aws:cloudwatch/queryDefinition:QueryDefinition", "audit-assumptions-query").inputs).toEqual({
      region: "eu-west-1",
      name: "syrf-staging-audit/connection-role-assumptions",
      logGroupNames: ["/aws/cloudtrail/syrf-staging-audit"],
      queryString: [
        "fields @timestamp, userIdentity.type as callerType, userIdentity.principalId as identity, userIdentity.arn as caller,",
        "  sourceIPAddress, userIdentity.sessionContext.sessionIssuer.arn as issuerRole, requestParameters.roleArn as connectionRole, errorCode",
        '| filter eventSource = "sts.amazonaws.com" and eventName like /^AssumeRole/ and requestParameters.roleArn in ["arn:aws:iam::111122223333:role/syrf-staging-api-atlas", "arn:aws:iam::111122223333:role/syrf-staging-reports-atlas"]',
        "| sort @timestamp desc",
      ].join("\n"),
    });
  });
});

describe("AuditTrail: argument validation (before any child is created)", () => {
  const args = (): AuditTrailArgs => ({
    accountId: ACCT,
    region: "eu-west-1",
    trailName: "syrf-staging-audit",
    connectionRoles: [{ name: "app-atlas", allowedPrincipals: ["arn:aws:iam::111122223333:role/app"] }],
    bucketLifecycle: { expirationDays: 730 },
    keyAdministratorArns: ["arn:aws:iam::111122223333:role/platform-deploy"],
    alarmEmails: ["security@example.com"],
  });

  it("accepts valid arguments", () => {
    expect(auditTrailArgProblems(args())).toEqual([]);
  });

  it("names each bad argument, the value and the fix", () => {
    const bad = args();
    bad.accountId = "1111";
    bad.logRetentionDays = 30;
    bad.alarmEmails = [];
    bad.keyAdministratorArns = ["arn:aws:iam::111122223333:role/*"];
    bad.connectionRoles = [
      { name: "app-atlas", allowedPrincipals: ["arn:aws:iam::111122223333:role/*"] },
      { name: "app-atlas", allowedPrincipals: [] },
    ];
    bad.alarmHttpsEndpoints = ["http://hooks.example.com/T0KEN"];
    expect(auditTrailArgProblems(bad)).toEqual([
      'args.accountId: got "1111"; must be a 12-digit AWS account id',
      "args.logRetentionDays: got 30; must be one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      'args.keyAdministratorArns[0]: got "arn:aws:iam::111122223333:role/*"; must be an exact IAM role ARN in account 1111',
      "args.alarmEmails: got []; must list at least one e-mail address",
      "args.alarmHttpsEndpoints[0]: must be an https:// URL (value not shown: it may carry a token)",
      'args.connectionRoles[0].allowedPrincipals: got "arn:aws:iam::111122223333:role/*"; each must be an IAM role ARN without *, " or \\',
      'args.connectionRoles[1].name: got "app-atlas"; is watched twice; list each connection role once',
    ]);
  });

  it("refuses a principal list whose pattern would exceed 1024 characters", () => {
    const bad = args();
    bad.connectionRoles = [
      { name: "x", allowedPrincipals: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111122223333:role/${i}`) },
    ];
    expect(auditTrailArgProblems(bad)).toEqual([
      'args.connectionRoles[0].allowedPrincipals: got "10 principals"; the foreign-assumption filter pattern would be 1068 characters; CloudWatch Logs accepts at most 1024',
    ]);
  });
});
