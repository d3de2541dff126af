/**
 * The audit trail component: only wiring. Names and ARNs come from `names.ts`, the policy documents from
 * `documents.ts` and `keyPolicies.ts`, what is watched from `detectors.ts` (alarmed by `alarms.ts`), the argument check
 * from `args.ts`, the summary from `summary.ts`.
 */
// Sub-module imports: the package root would make the type check parse every service's declarations.
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as pulumi from "@pulumi/pulumi";
import type { AccessSummary } from "../../domain/summary";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
  type AuditTrailArgs,
  checkAuditTrailArgs,
} from "./args";
import { declareDetectorAlarms } from "./alarms";
import { auditDetectors } from "./detectors";
import {
  bucketPolicy,
  connectionRoleQuery,
  deliveryRolePolicy,
  deliveryRoleTrustPolicy,
  topicPolicy,
} from "./documents";
import { topicKeyPolicy, trailKeyPolicy } from "./keyPolicies";
import { auditNames } from "./names";
import { auditSummaryLines } from "./summary";

export const AUDIT_TRAIL_TYPE = "atlas-access:aws:AuditTrail";

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
    checkAuditTrailArgs(args).throwIfAny("AuditTrail", name);
    super(AUDIT_TRAIL_TYPE, name, {}, opts);
    const { accountId, region, trailName } = args;
    const parent = { parent: this };
    const names = auditNames(args);
    const json = (doc: unknown) => JSON.stringify(doc);

    const trailKey = new kms.Key(
      `${name}-trail-key`,
      {
        region,
        description: `CloudTrail ${trailName}: log files and the CloudWatch log group`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: json(trailKeyPolicy(names, region, args.keyAdministratorArns)),
      },
      parent,
    );

    const bucket = new s3.Bucket(`${name}-bucket`, { region, bucket: names.bucketName, forceDestroy: false }, parent);
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
            noncurrentVersionExpiration: {
              noncurrentDays: lc.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
            },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      parent,
    );
    const bucketPolicyResource = new s3.BucketPolicy(
      `${name}-bucket-policy`,
      { region, bucket: bucket.id, policy: json(bucketPolicy(names, accountId)) },
      { parent: this, dependsOn: [publicAccess] },
    );

    const logGroup = new cloudwatch.LogGroup(
      `${name}-log-group`,
      {
        region,
        name: names.logGroupName,
        retentionInDays: args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        kmsKeyId: trailKey.arn,
      },
      parent,
    );
    const deliveryRole = new iam.Role(
      `${name}-delivery-role`,
      {
        name: names.deliveryRoleName,
        description: `CloudTrail ${trailName} writes to ${names.logGroupName}`,
        assumeRolePolicy: json(deliveryRoleTrustPolicy()),
      },
      parent,
    );
    const deliveryPolicy = new iam.RolePolicy(
      `${name}-delivery-policy`,
      { role: deliveryRole.id, policy: json(deliveryRolePolicy(names, accountId)) },
      parent,
    );

    // CloudTrail checks the bucket policy and the delivery role when the trail is created: both must exist first.
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
      { parent: this, dependsOn: [bucketPolicyResource, deliveryPolicy] },
    );

    const topicKey = new kms.Key(
      `${name}-topic-key`,
      {
        region,
        description: `SNS topic ${names.topicName}: CloudWatch alarms of trail ${trailName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: json(topicKeyPolicy(args.keyAdministratorArns)),
      },
      parent,
    );
    const topic = new sns.Topic(
      `${name}-alarm-topic`,
      { region, name: names.topicName, kmsMasterKeyId: topicKey.arn },
      parent,
    );
    new sns.TopicPolicy(
      `${name}-alarm-topic-policy`,
      { region, arn: topic.arn, policy: json(topicPolicy(names, accountId)) },
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

    declareDetectorAlarms(
      this,
      { name, region, trailName, logGroupName: logGroup.name, topicArn: topic.arn, trailKey },
      auditDetectors(args),
    );

    new cloudwatch.QueryDefinition(
      `${name}-assumptions-query`,
      {
        region,
        name: names.queryName,
        logGroupNames: [logGroup.name],
        queryString: connectionRoleQuery(names.connectionRoleArns),
      },
      parent,
    );

    this.trailArn = trail.arn;
    this.topicArn = topic.arn;
    this.logGroupName = logGroup.name;
    this.bucketName = bucket.bucket;
    this.summary = { component: AUDIT_TRAIL_TYPE, name, lines: auditSummaryLines(args) };
    this.registerOutputs({
      trailArn: this.trailArn,
      topicArn: this.topicArn,
      logGroupName: this.logGroupName,
      bucketName: this.bucketName,
    });
  }
}
