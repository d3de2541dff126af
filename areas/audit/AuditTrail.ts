// Sub-module imports: the package root would make the type check parse every service's declarations.
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID, REGION, ROLE_NAME, TRAIL_NAME, accountOfArn, parseRoleArn, roleArnAtRoot } from "../../domain/aws";
import { EMAIL } from "../../domain/formats";
import type { AccessSummary } from "../../domain/summary";
import {
  ACCEPTED_RETENTION_DAYS,
  CIS_PATTERNS,
  FILTER_PATTERN_MAX,
  KEY_TAMPERING_EVENTS,
  METRIC_FILTERS_PER_LOG_GROUP_MAX,
  ROLE_TAMPERING_EVENTS,
  TRAIL_TAMPERING_EVENTS,
  UNSAFE_IN_PATTERN,
  foreignAssumptionPattern,
  metricFilterCount,
  roleTamperingPattern,
  trailTamperingPattern,
} from "./patterns";

export const AUDIT_TRAIL_TYPE = "atlas-access:aws:AuditTrail";
/** Namespace of this component's own detectors (the CIS set uses `CISBenchmark`, as CIS prescribes). */
export const DETECTOR_NAMESPACE = "AtlasAccess/Audit";

/** A connection role the trail watches. */
export interface WatchedConnectionRole {
  /** IAM role name (the role lives at path `/` in `accountId`). */
  name: string;
  /** Role ARNs whose sessions may assume it: compared exactly with CloudTrail's `sessionIssuer.arn`. */
  allowedPrincipals: string[];
}

export interface AuditTrailArgs {
  /** The 12-digit AWS account that owns the connection roles and the trail. */
  accountId: string;
  /** Home region of the trail, bucket, keys, log group, alarms and topic (every resource is pinned to it). */
  region: string;
  /** Trail name; also names the bucket `<trailName>-<accountId>`, the log group `/aws/cloudtrail/<trailName>` and the topic. */
  trailName: string;
  /** The connection roles to watch; may be empty (the trail and its tampering detector still exist). */
  connectionRoles: WatchedConnectionRole[];
  /** Days the log group keeps events: one of {@link ACCEPTED_RETENTION_DAYS}. @default 365 */
  logRetentionDays?: number;
  /** Lifecycle of the log files in S3. */
  bucketLifecycle: {
    /** Move to Glacier after this many days. @default undefined (stay in S3 Standard) */
    transitionToGlacierDays?: number;
    /** Delete after this many days (at least 365). */
    expirationDays: number;
    /** Delete noncurrent versions after this many days. @default 90 */
    noncurrentVersionExpirationDays?: number;
  };
  /**
   * IAM roles (this account) that administer the trail's and the topic's KMS keys and may decrypt the trail's log
   * files. Named exactly: the key policies never delegate to the account root, so no identity policy in the
   * account can grant use of these keys. Include the role that deploys this stack, or it cannot update the keys.
   */
  keyAdministratorArns: string[];
  /** Addresses subscribed to the alarm topic (at least one). */
  alarmEmails: string[];
  /** HTTPS endpoints subscribed to the alarm topic; passed as secrets (webhook URLs often carry a token). @default [] */
  alarmHttpsEndpoints?: string[];
  /** Also create the CIS 4.1-4.14 metric filters and alarms. @default false */
  cisAlarms?: boolean;
}

/** One metric filter + alarm as the component declares it. */
interface Detector {
  key: string;
  description: string;
  namespace: string;
  metric: string;
  pattern: pulumi.Input<string>;
}

/** What a key administrator may do: manage the key, never use it for data (the console's key-administrator set). */
export const KEY_ADMINISTRATOR_ACTIONS = [
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
];

/** Every problem with `args`, one line each, naming the argument, the bad value and what would be accepted. */
export function auditTrailArgProblems(args: AuditTrailArgs): string[] {
  const problems: string[] = [];
  const bad = (arg: string, value: unknown, fix: string) =>
    problems.push(`args.${arg}: got ${JSON.stringify(value)}; ${fix}`);
  if (!ACCOUNT_ID.test(args.accountId)) bad("accountId", args.accountId, "must be a 12-digit AWS account id");
  if (!REGION.test(args.region)) bad("region", args.region, "must be an AWS region such as eu-west-1");
  if (!TRAIL_NAME.test(args.trailName))
    bad("trailName", args.trailName, "must be 3-48 lowercase letters, digits or '-'");
  const retention = args.logRetentionDays ?? 365;
  if (!(ACCEPTED_RETENTION_DAYS as readonly number[]).includes(retention)) {
    bad("logRetentionDays", retention, `must be one of ${ACCEPTED_RETENTION_DAYS.join(", ")}`);
  }
  const lc = args.bucketLifecycle;
  if (!Number.isInteger(lc.expirationDays) || lc.expirationDays < 365) {
    bad("bucketLifecycle.expirationDays", lc.expirationDays, "must be a whole number of days, at least 365");
  }
  if (
    lc.transitionToGlacierDays !== undefined &&
    !(
      Number.isInteger(lc.transitionToGlacierDays) &&
      lc.transitionToGlacierDays >= 30 &&
      lc.transitionToGlacierDays < lc.expirationDays
    )
  ) {
    bad(
      "bucketLifecycle.transitionToGlacierDays",
      lc.transitionToGlacierDays,
      "must be a whole number of days, at least 30 and less than expirationDays",
    );
  }
  if (args.keyAdministratorArns.length === 0)
    bad(
      "keyAdministratorArns",
      args.keyAdministratorArns,
      "must name at least one IAM role, or nobody could ever manage the keys",
    );
  args.keyAdministratorArns.forEach((arn, i) => {
    const otherAccount = ACCOUNT_ID.test(args.accountId) && accountOfArn(arn) !== args.accountId;
    if (parseRoleArn(arn) === undefined || otherAccount) {
      bad(`keyAdministratorArns[${i}]`, arn, `must be an exact IAM role ARN in account ${args.accountId}`);
    }
  });
  if (args.alarmEmails.length === 0) bad("alarmEmails", args.alarmEmails, "must list at least one e-mail address");
  args.alarmEmails.forEach((e, i) => {
    if (!EMAIL.test(e)) bad(`alarmEmails[${i}]`, e, "must be an e-mail address");
  });
  (args.alarmHttpsEndpoints ?? []).forEach((u, i) => {
    if (!u.startsWith("https://"))
      problems.push(`args.alarmHttpsEndpoints[${i}]: must be an https:// URL (value not shown: it may carry a token)`);
  });
  const seen = new Set<string>();
  args.connectionRoles.forEach((role, i) => {
    if (!ROLE_NAME.test(role.name)) bad(`connectionRoles[${i}].name`, role.name, "must be an IAM role name");
    if (seen.has(role.name))
      bad(`connectionRoles[${i}].name`, role.name, "is watched twice; list each connection role once");
    seen.add(role.name);
    const unsafe = role.allowedPrincipals.filter((p) => parseRoleArn(p) === undefined || UNSAFE_IN_PATTERN.test(p));
    unsafe.forEach((p) =>
      bad(`connectionRoles[${i}].allowedPrincipals`, p, 'each must be an IAM role ARN without *, " or \\'),
    );
    if (unsafe.length === 0 && ROLE_NAME.test(role.name)) {
      const length = foreignAssumptionPattern(roleArnAtRoot(args.accountId, role.name), role.allowedPrincipals).length;
      if (length > FILTER_PATTERN_MAX) {
        bad(
          `connectionRoles[${i}].allowedPrincipals`,
          `${role.allowedPrincipals.length} principals`,
          `the foreign-assumption filter pattern would be ${length} characters; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}`,
        );
      }
    }
  });
  const filters = metricFilterCount(args.connectionRoles.length, args.cisAlarms ?? false);
  if (filters > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
    bad(
      "connectionRoles",
      `${args.connectionRoles.length} roles`,
      `needs ${filters} metric filters; CloudWatch Logs allows ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
    );
  }
  return problems;
}

const json = (doc: unknown) => JSON.stringify(doc);

/**
 * The audit trail for one AWS account: a multi-region CloudTrail trail into a locked-down, KMS-encrypted bucket and a
 * KMS-encrypted CloudWatch log group, and detectors (metric filter + alarm) for anyone else assuming a connection role,
 * any change to a connection role, and tampering with the trail or its key, all notifying one KMS-encrypted SNS topic.
 */
export class AuditTrail extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;
  public readonly topicArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;
  /** What is watched and who is notified, for reviewers. */
  public readonly summary: AccessSummary;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = auditTrailArgProblems(args);
    if (problems.length > 0) {
      throw new Error(
        `AuditTrail ${name}: invalid arguments; nothing was created:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      );
    }
    super(AUDIT_TRAIL_TYPE, name, {}, opts);
    const { accountId, region, trailName } = args;
    const parent = { parent: this };
    const retention = args.logRetentionDays ?? 365;
    const cisAlarms = args.cisAlarms ?? false;

    // Everything a policy needs is built from config, because the policies must exist before the trail.
    const trailArn = `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;
    const bucketName = `${trailName}-${accountId}`;
    const bucketArn = `arn:aws:s3:::${bucketName}`;
    const logGroupName = `/aws/cloudtrail/${trailName}`;
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
    const topicName = `${trailName}-alarms`;
    const topicArn = `arn:aws:sns:${region}:${accountId}:${topicName}`;
    // Named administrators, never the account root: with root, any identity policy in the account could use the key.
    const keyAdmin = {
      Sid: "KeyAdministrators",
      Effect: "Allow",
      Principal: { AWS: args.keyAdministratorArns },
      Action: KEY_ADMINISTRATOR_ACTIONS,
      Resource: "*",
    };

    // --- the trail's KMS key: CloudTrail may encrypt for this trail only; the log group may use it for itself only.
    const trailKey = new kms.Key(
      `${name}-trail-key`,
      {
        region,
        description: `CloudTrail ${trailName}: log files and the CloudWatch log group`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: json({
          Version: "2012-10-17",
          Statement: [
            keyAdmin,
            {
              Sid: "CloudTrailEncryptsThisTrail",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "kms:GenerateDataKey*",
              Resource: "*",
              Condition: {
                StringEquals: { "aws:SourceArn": trailArn },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn },
              },
            },
            {
              Sid: "CloudTrailDescribesKey",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "kms:DescribeKey",
              Resource: "*",
              Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
              Sid: "KeyAdministratorsReadThisTrailsLogFiles",
              Effect: "Allow",
              Principal: { AWS: args.keyAdministratorArns },
              Action: "kms:Decrypt",
              Resource: "*",
              Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn } },
            },
            {
              Sid: "LogGroupEncryptsItself",
              Effect: "Allow",
              Principal: { Service: `logs.${region}.amazonaws.com` },
              Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
              Resource: "*",
              Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
            },
          ],
        }),
      },
      parent,
    );

    // --- the bucket: private, owner-enforced, versioned, KMS by default, TLS only, CloudTrail writes for this trail only.
    const bucket = new s3.Bucket(`${name}-bucket`, { region, bucket: bucketName, forceDestroy: false }, parent);
    const publicAccess = new s3.BucketPublicAccessBlock(
      `${name}-bucket-public-access`,
      {
        region,
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new s3.BucketOwnershipControls(
      `${name}-bucket-ownership`,
      { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      parent,
    );
    new s3.BucketVersioning(
      `${name}-bucket-versioning`,
      { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      parent,
    );
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-bucket-encryption`,
      {
        region,
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: trailKey.arn },
            bucketKeyEnabled: true,
          },
        ],
      },
      parent,
    );
    const lc = args.bucketLifecycle;
    new s3.BucketLifecycleConfiguration(
      `${name}-bucket-lifecycle`,
      {
        region,
        bucket: bucket.id,
        rules: [
          {
            id: "trail-log-files",
            status: "Enabled",
            filter: { prefix: "" },
            ...(lc.transitionToGlacierDays !== undefined
              ? { transitions: [{ days: lc.transitionToGlacierDays, storageClass: "GLACIER" }] }
              : {}),
            expiration: { days: lc.expirationDays },
            noncurrentVersionExpiration: { noncurrentDays: lc.noncurrentVersionExpirationDays ?? 90 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      parent,
    );
    const bucketPolicy = new s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        region,
        bucket: bucket.id,
        policy: json({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [bucketArn, `${bucketArn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
              Sid: "AWSCloudTrailAclCheck20150319",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:GetBucketAcl",
              Resource: bucketArn,
              Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
              Sid: "AWSCloudTrailWrite20150319",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
              Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
            },
          ],
        }),
      },
      { parent: this, dependsOn: [publicAccess] },
    );

    // --- the log group and the role CloudTrail uses to write into it (two actions, this group's CloudTrail streams).
    const logGroup = new cloudwatch.LogGroup(
      `${name}-log-group`,
      { region, name: logGroupName, retentionInDays: retention, kmsKeyId: trailKey.arn },
      parent,
    );
    const deliveryRole = new iam.Role(
      `${name}-delivery-role`,
      {
        name: `${trailName}-cloudwatch-delivery`,
        description: `CloudTrail ${trailName} writes to ${logGroupName}`,
        assumeRolePolicy: json({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      },
      parent,
    );
    const deliveryPolicy = new iam.RolePolicy(
      `${name}-delivery-policy`,
      {
        role: deliveryRole.id,
        policy: json({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "WriteThisTrailsStreamsOnly",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${logGroupArn}:log-stream:${accountId}_CloudTrail_*`,
            },
          ],
        }),
      },
      parent,
    );

    // --- the trail.
    const trail = new cloudtrail.Trail(
      `${name}-trail`,
      {
        region,
        name: trailName,
        s3BucketName: bucket.bucket,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: trailKey.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: deliveryRole.arn,
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
      },
      { parent: this, dependsOn: [bucketPolicy, deliveryPolicy] },
    );

    // --- the alarm topic, encrypted with a key CloudWatch may use, publishable by this account's alarms only.
    const topicKey = new kms.Key(
      `${name}-topic-key`,
      {
        region,
        description: `SNS topic ${topicName}: CloudWatch alarms of trail ${trailName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: json({
          Version: "2012-10-17",
          Statement: [
            keyAdmin,
            {
              Sid: "CloudWatchPublishesEncrypted",
              Effect: "Allow",
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
              Resource: "*",
            },
          ],
        }),
      },
      parent,
    );
    const topic = new sns.Topic(
      `${name}-alarm-topic`,
      { region, name: topicName, kmsMasterKeyId: topicKey.arn },
      parent,
    );
    new sns.TopicPolicy(
      `${name}-alarm-topic-policy`,
      {
        region,
        arn: topic.arn,
        policy: json({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "CloudWatchAlarmsOfThisAccountPublish",
              Effect: "Allow",
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topicArn,
              Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` },
              },
            },
          ],
        }),
      },
      parent,
    );
    args.alarmEmails.forEach((address, i) => {
      new sns.TopicSubscription(
        `${name}-email-${i}`,
        { region, topic: topic.arn, protocol: "email", endpoint: address },
        parent,
      );
    });
    (args.alarmHttpsEndpoints ?? []).forEach((url, i) => {
      new sns.TopicSubscription(
        `${name}-https-${i}`,
        { region, topic: topic.arn, protocol: "https", endpoint: pulumi.secret(url) },
        parent,
      );
    });

    // --- the detectors.
    const detectors: Detector[] = [];
    for (const role of args.connectionRoles) {
      const roleArn = roleArnAtRoot(accountId, role.name);
      detectors.push({
        key: `foreign-assume-${role.name}`,
        description:
          `Someone other than ${role.allowedPrincipals.join(", ") || "nobody (no principal is allowed)"} assumed or tried to assume ${roleArn} ` +
          "(IAM users, root, cross-account callers and failed attempts included).",
        namespace: DETECTOR_NAMESPACE,
        metric: `ForeignAssumeRole-${role.name}`,
        pattern: foreignAssumptionPattern(roleArn, role.allowedPrincipals),
      });
      detectors.push({
        key: `role-change-${role.name}`,
        description: `The connection role ${role.name} was changed: ${ROLE_TAMPERING_EVENTS.join(", ")}.`,
        namespace: DETECTOR_NAMESPACE,
        metric: `ConnectionRoleChange-${role.name}`,
        pattern: roleTamperingPattern(role.name),
      });
    }
    detectors.push({
      key: "trail-tampering",
      description: `A trail was changed (${TRAIL_TAMPERING_EVENTS.join(", ")}) or the key of trail ${trailName} was disabled or scheduled for deletion.`,
      namespace: DETECTOR_NAMESPACE,
      metric: "TrailTampering",
      pattern: pulumi
        .all([trailKey.keyId, trailKey.arn])
        .apply(([keyId, keyArn]) => trailTamperingPattern(keyId, keyArn)),
    });
    if (cisAlarms) {
      for (const cis of CIS_PATTERNS) {
        detectors.push({
          key: `cis-${cis.id.replace(".", "-")}`,
          description: `CIS AWS Foundations ${cis.id} (Security Hub ${cis.control}): ${cis.metric}.`,
          namespace: "CISBenchmark",
          metric: cis.metric,
          pattern: cis.pattern,
        });
      }
    }
    for (const d of detectors) {
      const filter = new cloudwatch.LogMetricFilter(
        `${name}-${d.key}`,
        {
          region,
          name: `${trailName}-${d.key}`,
          logGroupName: logGroup.name,
          pattern: d.pattern,
          metricTransformation: { namespace: d.namespace, name: d.metric, value: "1" },
        },
        parent,
      );
      new cloudwatch.MetricAlarm(
        `${name}-${d.key}-alarm`,
        {
          region,
          name: `${trailName}-${d.key}`,
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
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        { parent: this, dependsOn: [filter] },
      );
    }

    // --- the saved Logs Insights query: who assumed each connection role, newest first (every caller type, not only roles).
    const roleArns = args.connectionRoles.map((r) => JSON.stringify(roleArnAtRoot(accountId, r.name)));
    new cloudwatch.QueryDefinition(
      `${name}-assumptions-query`,
      {
        region,
        name: `${trailName}/connection-role-assumptions`,
        logGroupNames: [logGroup.name],
        queryString: connectionRoleQuery(roleArns),
      },
      parent,
    );

    this.trailArn = trail.arn;
    this.topicArn = topic.arn;
    this.logGroupName = logGroup.name;
    this.bucketName = bucket.bucket;
    this.summary = {
      component: AUDIT_TRAIL_TYPE,
      name,
      lines: [
        `trail ${trailName}: every region, management events read and write, log file validation, KMS; bucket ${bucketName}; log group ${logGroupName} kept ${retention} days`,
        ...args.connectionRoles.map(
          (r) =>
            `alarm when anyone but ${r.allowedPrincipals.length > 0 ? r.allowedPrincipals.join(", ") : "nobody"} assumes ${r.name} (IAM users, root, other accounts and failed attempts included)`,
        ),
        ...args.connectionRoles.map(
          (r) =>
            `alarm on any change to ${r.name}: trust policy, policies, permissions boundary, update, delete, create`,
        ),
        `alarm on trail tampering: ${TRAIL_TAMPERING_EVENTS.join(", ")}; ${KEY_TAMPERING_EVENTS.join(", ")} of the trail key`,
        cisAlarms ? `CIS 4.1-4.14 alarms: on (${CIS_PATTERNS.length})` : "CIS 4.1-4.14 alarms: off",
        `notified via ${topicName}: ${args.alarmEmails.join(", ")}${(args.alarmHttpsEndpoints ?? []).length > 0 ? ` and ${(args.alarmHttpsEndpoints ?? []).length} HTTPS endpoint(s) (URLs kept secret)` : ""}`,
      ],
    };
    this.registerOutputs({
      trailArn: this.trailArn,
      topicArn: this.topicArn,
      logGroupName: this.logGroupName,
      bucketName: this.bucketName,
    });
  }
}

/** The Logs Insights query (from the seed, fixed and widened): every caller type, with identity, source IP and issuer role. */
export function connectionRoleQuery(quotedRoleArns: readonly string[]): string {
  return [
    "fields @timestamp, userIdentity.type as callerType, userIdentity.principalId as identity, userIdentity.arn as caller,",
    "  sourceIPAddress, userIdentity.sessionContext.sessionIssuer.arn as issuerRole, requestParameters.roleArn as connectionRole, errorCode",
    `| filter eventSource = "sts.amazonaws.com" and eventName like /^AssumeRole/ and requestParameters.roleArn in [${quotedRoleArns.join(", ")}]`,
    "| sort @timestamp desc",
  ].join("\n");
}
