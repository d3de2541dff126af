/**
 * The KMS key policies of the trail key and the alarm topic's key. Pure builders: the component registers
 * `JSON.stringify` of exactly these. Neither policy names the account root: with it, any identity policy in the
 * account could grant use of the key (guardrail IAM-001). KMS refuses a key policy that would lock out its caller, so a
 * wrong administrator list fails the update rather than locking the key.
 */
import type { PolicyDocument, PolicyStatement } from "./documents";
import type { AuditNames } from "./names";

/**
 * What a key administrator may do, by purpose, as exact actions (never `kms:Create*` or `kms:Put*`, which include
 * `CreateGrant` and every other future call of that prefix). Data use (Encrypt, Decrypt, GenerateDataKey) is not
 * among them; `CreateGrant` (use outside the key policy), `DisableKey` and `DisableKeyRotation` are granted to nobody.
 */
export const KEY_ADMINISTRATOR_ACTIONS = {
  /** What the provider reads to compare the key with the program (refresh, preview). */
  read: [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListResourceTags",
    "kms:ListKeyPolicies",
    "kms:ListGrants",
  ],
  /** What a deployment applies: this very policy, rotation, description and tags (each PutKeyPolicy is alarmed). */
  apply: [
    "kms:PutKeyPolicy",
    "kms:EnableKeyRotation",
    "kms:UpdateKeyDescription",
    "kms:TagResource",
    "kms:UntagResource",
  ],
  /** Retiring the key with its stack, or undoing that within the waiting period, and revoking a stray grant. */
  retire: ["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:EnableKey", "kms:RevokeGrant"],
} as const;

/** The named administrators manage the key: one statement per purpose (first statements of both key policies). */
export function keyAdministratorsStatements(keyAdministratorArns: readonly string[]): PolicyStatement[] {
  const admins = { AWS: keyAdministratorArns };
  return [
    // Reading the key's settings: what a refresh or a preview needs.
    {
      Sid: "KeyAdministratorsRead",
      Effect: "Allow",
      Principal: admins,
      Action: KEY_ADMINISTRATOR_ACTIONS.read,
      Resource: "*",
    },
    // Applying the program's key policy and settings; a policy set any other way is reported by key-tampering.
    {
      Sid: "KeyAdministratorsApply",
      Effect: "Allow",
      Principal: admins,
      Action: KEY_ADMINISTRATOR_ACTIONS.apply,
      Resource: "*",
    },
    // Scheduling the deletion with the stack (30-day window), cancelling it, and revoking a grant someone made.
    {
      Sid: "KeyAdministratorsRetire",
      Effect: "Allow",
      Principal: admins,
      Action: KEY_ADMINISTRATOR_ACTIONS.retire,
      Resource: "*",
    },
  ];
}

/**
 * The trail key, in the form of "Configure AWS KMS key policies for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html): CloudTrail
 * encrypts log files only for this trail (`aws:SourceArn`), may describe the key and decrypt (needed to create or update
 * a trail whose bucket uses an S3 Bucket Key), the administrators may decrypt log files (the documented `Null`
 * condition: any CloudTrail encryption context), and CloudWatch Logs may use it for this log group only.
 */
export function trailKeyPolicy(
  names: Pick<AuditNames, "trailArn" | "logGroupArn">,
  accountId: string,
  region: string,
  keyAdministratorArns: readonly string[],
): PolicyDocument {
  const { trailArn, logGroupArn } = names;
  const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
  const thisTrail = { StringEquals: { "aws:SourceArn": trailArn } };
  return {
    Version: "2012-10-17",
    Statement: [
      ...keyAdministratorsStatements(keyAdministratorArns),
      // CloudTrail makes the data keys of this trail's log files (the encryption context names a trail of this account).
      {
        Sid: "CloudTrailEncryptsThisTrail",
        Effect: "Allow",
        Principal: cloudTrail,
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*` },
          ...thisTrail,
        },
      },
      // CloudTrail checks the key when the trail is created or updated.
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: cloudTrail,
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: thisTrail,
      },
      // CloudTrail decrypts when the trail is created or updated with a bucket that uses an S3 Bucket Key.
      {
        Sid: "CloudTrailDecryptsForThisTrail",
        Effect: "Allow",
        Principal: cloudTrail,
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: thisTrail,
      },
      // The administrators may decrypt what CloudTrail encrypted (log and digest files), and nothing else the key encrypts.
      {
        Sid: "KeyAdministratorsReadLogFiles",
        Effect: "Allow",
        Principal: { AWS: keyAdministratorArns },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
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
      ...keyAdministratorsStatements(keyAdministratorArns),
      // CloudWatch encrypts the alarm notifications it publishes to the topic.
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
