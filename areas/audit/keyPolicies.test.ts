import { ACCT, PROD_ARGS } from "./fixtures/stackArgs";
import { KEY_ADMINISTRATOR_ACTIONS, topicKeyPolicy, trailKeyPolicy } from "./keyPolicies";
import { auditNames } from "./names";

const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-prod-audit";
const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-prod-audit";
const ADMINS = {
  AWS: [`arn:aws:iam::${ACCT}:role/syrf-prod-deploy`, `arn:aws:iam::${ACCT}:role/security-break-glass`],
};
/** Management actions only, each named: no wildcard, no data use, no grant, no way to disable the key or its rotation. */
const KEY_ADMIN = [
  {
    Sid: "KeyAdministratorsRead",
    Effect: "Allow",
    Principal: ADMINS,
    Action: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
      "kms:ListKeyPolicies",
      "kms:ListGrants",
    ],
    Resource: "*",
  },
  {
    Sid: "KeyAdministratorsApply",
    Effect: "Allow",
    Principal: ADMINS,
    Action: [
      "kms:PutKeyPolicy",
      "kms:EnableKeyRotation",
      "kms:UpdateKeyDescription",
      "kms:TagResource",
      "kms:UntagResource",
    ],
    Resource: "*",
  },
  {
    Sid: "KeyAdministratorsRetire",
    Effect: "Allow",
    Principal: ADMINS,
    Action: ["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:EnableKey", "kms:RevokeGrant"],
    Resource: "*",
  },
];

describe("key administrators (pure)", () => {
  const actions = Object.values(KEY_ADMINISTRATOR_ACTIONS).flat();

  it("have no wildcard action: kms:Create* and kms:Put* would include grants and every future call", () => {
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
  });

  it("cannot grant use of the key, use it for data, disable it or stop its rotation", () => {
    const forbidden = ["kms:CreateGrant", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"];
    expect(actions.filter((a) => [...forbidden, "kms:DisableKey", "kms:DisableKeyRotation"].includes(a))).toEqual([]);
  });
});

describe("trailKeyPolicy (pure)", () => {
  it("the documented form: CloudTrail for this trail, administrators decrypt under the Null condition, logs for this group", () => {
    expect(trailKeyPolicy(auditNames(PROD_ARGS), ACCT, "eu-west-1", PROD_ARGS.keyAdministratorArns)).toEqual({
      Version: "2012-10-17",
      Statement: [
        ...KEY_ADMIN,
        {
          Sid: "CloudTrailEncryptsThisTrail",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          Condition: {
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
            StringEquals: { "aws:SourceArn": TRAIL_ARN },
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
          Sid: "CloudTrailDecryptsForThisTrail",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "KeyAdministratorsReadLogFiles",
          Effect: "Allow",
          Principal: ADMINS,
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
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
    expect(topicKeyPolicy(PROD_ARGS.keyAdministratorArns)).toEqual({
      Version: "2012-10-17",
      Statement: [
        ...KEY_ADMIN,
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
