/**
 * The KMS key policies of the trail key and the alarm topic's key. Pure builders: the component registers
 * `JSON.stringify` of exactly these. Neither policy names the account root: with it, any identity policy in the
 * account could grant use of the key (guardrail IAM-001). KMS refuses a key policy that would lock out its caller, so a
 * wrong administrator list fails the update rather than locking the key.
 */
import type { PolicyDocument, PolicyStatement } from "./documents";
import type { AuditNames } from "./names";

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

/** The named administrators manage the key (first statement of both key policies). */
export function keyAdministratorsStatement(keyAdministratorArns: readonly string[]): PolicyStatement {
  return {
    Sid: "KeyAdministrators",
    Effect: "Allow",
    Principal: { AWS: keyAdministratorArns },
    Action: KEY_ADMINISTRATOR_ACTIONS,
    Resource: "*",
  };
}

/**
 * The trail key: CloudTrail may encrypt log files for this trail only, the administrators may read this trail's log
 * files, and CloudWatch Logs may use it for this log group only.
 */
export function trailKeyPolicy(
  names: Pick<AuditNames, "trailArn" | "logGroupArn">,
  region: string,
  keyAdministratorArns: readonly string[],
): PolicyDocument {
  const { trailArn, logGroupArn } = names;
  return {
    Version: "2012-10-17",
    Statement: [
      keyAdministratorsStatement(keyAdministratorArns),
      // CloudTrail makes the data keys of this trail's log files: the source ARN and the encryption context both name it.
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
      // CloudTrail checks the key when the trail is created or updated.
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      // The administrators may decrypt this trail's log files (and nothing else the key encrypts).
      {
        Sid: "KeyAdministratorsReadThisTrailsLogFiles",
        Effect: "Allow",
        Principal: { AWS: keyAdministratorArns },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn } },
      },
      // The regional CloudWatch Logs service encrypts the log group's events, for this log group only.
      {
        Sid: "LogGroupEncryptsItself",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
      },
    ],
  };
}

/**
 * The alarm topic's key: CloudWatch may encrypt what it publishes to the topic. The statement is unconditioned: it is
 * the form the Amazon SNS developer guide gives for AWS services that publish to an encrypted topic ("Key management",
 * docs.aws.amazon.com/sns/latest/dg/sns-key-management.html); whether a source condition would work is unverified.
 */
export function topicKeyPolicy(keyAdministratorArns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      keyAdministratorsStatement(keyAdministratorArns),
      {
        Sid: "CloudWatchPublishesEncrypted",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  };
}
