/**
 * The account's trail and what it needs (wiring only, called by {@link AuditTrail} in the stack that owns the trail):
 * its KMS key, its bucket, the log group and the role CloudTrail delivers to it with, then the trail itself.
 */
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_LOG_RETENTION_DAYS, DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS, type AuditTrailArgs } from "./args";
import { bucketPolicy, deliveryRolePolicy, deliveryRoleTrustPolicy } from "./documents";
import { trailKeyPolicy } from "./keyPolicies";
import type { AuditNames } from "./names";

/** What the rest of the component needs from the trail. */
export interface DeclaredTrail {
  trailKey: kms.Key;
  logGroup: cloudwatch.LogGroup;
  trail: cloudtrail.Trail;
  bucket: s3.Bucket;
}

export function declareTrail(
  parent: pulumi.Resource,
  name: string,
  args: AuditTrailArgs & { bucketLifecycle: NonNullable<AuditTrailArgs["bucketLifecycle"]> },
  names: AuditNames,
): DeclaredTrail {
  const { accountId, region, trailName } = args;
  const opts = { parent };
  const json = (doc: unknown) => JSON.stringify(doc);

  const trailKey = new kms.Key(
    `${name}-trail-key`,
    {
      region,
      description: `CloudTrail ${trailName}: log files and the CloudWatch log group`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: json(trailKeyPolicy(names, accountId, region, args.keyAdministratorArns)),
    },
    opts,
  );

  const bucket = new s3.Bucket(`${name}-bucket`, { region, bucket: names.bucketName, forceDestroy: false }, opts);
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
    opts,
  );
  new s3.BucketOwnershipControls(
    `${name}-bucket-ownership`,
    { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new s3.BucketVersioning(
    `${name}-bucket-versioning`,
    { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
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
    opts,
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
    opts,
  );
  const bucketPolicyResource = new s3.BucketPolicy(
    `${name}-bucket-policy`,
    { region, bucket: bucket.id, policy: json(bucketPolicy(names, accountId)) },
    { parent, dependsOn: [publicAccess] },
  );

  const logGroup = new cloudwatch.LogGroup(
    `${name}-log-group`,
    {
      region,
      name: names.logGroupName,
      retentionInDays: args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      kmsKeyId: trailKey.arn,
    },
    opts,
  );
  const deliveryRole = new iam.Role(
    `${name}-delivery-role`,
    {
      name: names.deliveryRoleName,
      description: `CloudTrail ${trailName} writes to ${names.logGroupName}`,
      assumeRolePolicy: json(deliveryRoleTrustPolicy()),
    },
    opts,
  );
  const deliveryPolicy = new iam.RolePolicy(
    `${name}-delivery-policy`,
    { role: deliveryRole.id, policy: json(deliveryRolePolicy(names, accountId)) },
    opts,
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
    { parent, dependsOn: [bucketPolicyResource, deliveryPolicy] },
  );
  return { trailKey, logGroup, trail, bucket };
}
