import { PROD_ARGS, STAGING_ARGS } from "./fixtures/stackArgs";
import { auditNames } from "./names";

describe("auditNames (pure)", () => {
  it("derives every name and ARN from the account, region and trail name (prod owns the trail; prefix = trail name)", () => {
    expect(auditNames(PROD_ARGS)).toEqual({
      trailArn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-prod-audit",
      bucketName: "syrf-prod-audit-111122223333",
      bucketArn: "arn:aws:s3:::syrf-prod-audit-111122223333",
      logGroupName: "/aws/cloudtrail/syrf-prod-audit",
      logGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-prod-audit",
      deliveryRoleName: "syrf-prod-audit-cloudwatch-delivery",
      prefix: "syrf-prod-audit",
      topicName: "syrf-prod-audit-alarms",
      topicArn: "arn:aws:sns:eu-west-1:111122223333:syrf-prod-audit-alarms",
      alarmsArnPattern: "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*",
      queryName: "syrf-prod-audit/connection-role-assumptions",
      connectionRoleArns: ["arn:aws:iam::111122223333:role/syrf-prod-api-atlas"],
    });
  });

  it("names the owner's trail and log group, and this stack's own resources by namePrefix (staging)", () => {
    expect(auditNames(STAGING_ARGS)).toMatchObject({
      trailArn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-prod-audit",
      logGroupName: "/aws/cloudtrail/syrf-prod-audit",
      prefix: "syrf-staging-audit",
      topicName: "syrf-staging-audit-alarms",
      topicArn: "arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms",
      queryName: "syrf-staging-audit/connection-role-assumptions",
      connectionRoleArns: [
        "arn:aws:iam::111122223333:role/syrf-staging-api-atlas",
        "arn:aws:iam::111122223333:role/syrf-staging-reports-atlas",
      ],
    });
  });

  it("names no connection role when none is watched", () => {
    expect(auditNames({ ...STAGING_ARGS, connectionRoles: [] }).connectionRoleArns).toEqual([]);
  });
});
