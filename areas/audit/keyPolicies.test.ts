import { ACCT, STAGING_ARGS } from "./fixtures/stackArgs";
import { topicKeyPolicy, trailKeyPolicy } from "./keyPolicies";
import { auditNames } from "./names";

const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-staging-audit";
const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-staging-audit";
const KEY_ADMINISTRATORS = {
  AWS: [`arn:aws:iam::${ACCT}:role/syrf-staging-deploy`, `arn:aws:iam::${ACCT}:role/security-break-glass`],
};
/** Management actions only: no kms:Encrypt, Decrypt, ReEncrypt or GenerateDataKey (data use). */
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

describe("trailKeyPolicy (pure)", () => {
  it("CloudTrail encrypts only for this trail (encryption context + aws:SourceArn); the log group only for itself", () => {
    expect(trailKeyPolicy(auditNames(STAGING_ARGS), "eu-west-1", STAGING_ARGS.keyAdministratorArns)).toEqual({
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

describe("topicKeyPolicy (pure)", () => {
  it("the administrators manage it; CloudWatch may encrypt what it publishes", () => {
    expect(topicKeyPolicy(STAGING_ARGS.keyAdministratorArns)).toEqual({
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
  });
});
