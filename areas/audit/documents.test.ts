import {
  bucketPolicy,
  connectionRoleQuery,
  deliveryRolePolicy,
  deliveryRoleTrustPolicy,
  topicPolicy,
} from "./documents";
import { ACCT, PROD_ARGS, STAGING_ARGS } from "./fixtures/stackArgs";
import { auditNames } from "./names";

/** The trail's documents exist only in the stack that owns the trail (prod); the topic and query in every stack. */
const TRAIL_NAMES = auditNames(PROD_ARGS);
const NAMES = auditNames(STAGING_ARGS);
const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-prod-audit";
const BUCKET_ARN = "arn:aws:s3:::syrf-prod-audit-111122223333";
const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-prod-audit";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms";

describe("bucketPolicy (pure)", () => {
  it("TLS only; CloudTrail may check the ACL and write its prefix only for this trail (aws:SourceArn)", () => {
    expect(bucketPolicy(TRAIL_NAMES, ACCT)).toEqual({
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
});

describe("the delivery role's documents (pure)", () => {
  it("trust: CloudTrail only, sts:AssumeRole only", () => {
    expect(deliveryRoleTrustPolicy()).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("permissions: two actions, this group's CloudTrail streams only", () => {
    expect(deliveryRolePolicy(TRAIL_NAMES, ACCT)).toEqual({
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

describe("topicPolicy (pure)", () => {
  it("only this account's CloudWatch alarms (home region) may publish", () => {
    expect(topicPolicy(NAMES, ACCT)).toEqual({
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
});

describe("connectionRoleQuery (pure)", () => {
  it("who assumed each connection role, every caller type, with identity, source IP and issuer role, newest first", () => {
    expect(connectionRoleQuery(NAMES.connectionRoleArns)).toBe(
      [
        "fields @timestamp, userIdentity.type as callerType, userIdentity.principalId as identity, userIdentity.arn as caller,",
        "  sourceIPAddress, userIdentity.sessionContext.sessionIssuer.arn as issuerRole, requestParameters.roleArn as connectionRole, errorCode",
        '| filter eventSource = "sts.amazonaws.com" and eventName like /^AssumeRole/ and requestParameters.roleArn in ["arn:aws:iam::111122223333:role/syrf-staging-api-atlas", "arn:aws:iam::111122223333:role/syrf-staging-reports-atlas"]',
        "| sort @timestamp desc",
      ].join("\n"),
    );
  });
});
