/**
 * The IAM policy documents of the trail's bucket, its CloudWatch delivery role and the alarm topic, and the saved
 * Logs Insights query. Pure builders (no provider call): the component registers `JSON.stringify` of exactly these, and
 * the tests read them here. The KMS key policies are in `keyPolicies.ts`.
 */
import type { AuditNames } from "./names";

/** One statement of an IAM policy document, with the fields these documents use. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS: readonly string[] } | { Service: string };
  Action: string | readonly string[];
  Resource?: string | readonly string[];
  Condition?: Record<string, Record<string, string>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };

/**
 * The trail bucket's policy: TLS only, and CloudTrail may read the ACL and write log files only on behalf of this
 * trail. The two CloudTrail statements keep the Sids of the policy the CloudTrail user guide documents ("Amazon S3
 * bucket policy for CloudTrail", docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html).
 */
export function bucketPolicy(names: Pick<AuditNames, "bucketArn" | "trailArn">, accountId: string): PolicyDocument {
  const { bucketArn, trailArn } = names;
  return {
    Version: "2012-10-17",
    Statement: [
      // Any request over plain HTTP is refused, whoever makes it.
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      // CloudTrail checks the bucket ACL before it delivers; only for this trail (confused-deputy guard).
      {
        Sid: "AWSCloudTrailAclCheck20150319",
        Effect: "Allow",
        Principal: CLOUDTRAIL,
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      // CloudTrail writes this account's log files under AWSLogs/<account>/, for this trail only.
      {
        Sid: "AWSCloudTrailWrite20150319",
        Effect: "Allow",
        Principal: CLOUDTRAIL,
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
      },
    ],
  };
}

/**
 * Who may assume the delivery role: CloudTrail, with no `aws:SourceArn`/`aws:SourceAccount` condition. No AWS page we
 * know of says CloudTrail sets those keys when it assumes this role, and a condition it does not set would break
 * delivery (to be confirmed live; see the README's deployment risks).
 */
export function deliveryRoleTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: CLOUDTRAIL, Action: "sts:AssumeRole" }],
  };
}

/**
 * What the delivery role may do: create streams and put events, only in this log group's CloudTrail streams (the
 * actions of "Role policy document for CloudTrail to use CloudWatch Logs for monitoring",
 * docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html).
 */
export function deliveryRolePolicy(names: Pick<AuditNames, "logGroupArn">, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // CloudTrail names its streams `<account>_CloudTrail_<region>`: one per source region, nothing else.
      {
        Sid: "WriteThisTrailsStreamsOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${names.logGroupArn}:log-stream:${accountId}_CloudTrail_*`,
      },
    ],
  };
}

/**
 * The alarm topic's policy: only CloudWatch alarms of this account (home region) may publish. There is no account
 * statement: same-account IAM policies already govern who manages the topic.
 */
export function topicPolicy(
  names: Pick<AuditNames, "topicArn" | "alarmsArnPattern">,
  accountId: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // CloudWatch publishes alarm state changes; the conditions keep another account's alarms out.
      {
        Sid: "CloudWatchAlarmsOfThisAccountPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: names.topicArn,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": names.alarmsArnPattern },
        },
      },
    ],
  };
}

/**
 * The saved Logs Insights query: every assumption of a connection role, newest first, with the caller type, identity,
 * caller ARN, source IP, issuer role and error. It does not filter on `userIdentity.type = 'AssumedRole'`: that would
 * hide exactly the IAM-user, root and cross-account callers the foreign-assumption detector is about.
 */
export function connectionRoleQuery(connectionRoleArns: readonly string[]): string {
  const quoted = connectionRoleArns.map((arn) => JSON.stringify(arn));
  return [
    "fields @timestamp, userIdentity.type as callerType, userIdentity.principalId as identity, userIdentity.arn as caller,",
    "  sourceIPAddress, userIdentity.sessionContext.sessionIssuer.arn as issuerRole, requestParameters.roleArn as connectionRole, errorCode",
    `| filter eventSource = "sts.amazonaws.com" and eventName like /^AssumeRole/ and requestParameters.roleArn in [${quoted.join(", ")}]`,
    "| sort @timestamp desc",
  ].join("\n");
}
