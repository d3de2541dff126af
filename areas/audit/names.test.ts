import { STAGING_ARGS } from "./fixtures/stackArgs";
import { auditNames } from "./names";

describe("auditNames (pure)", () => {
  it("derives every name and ARN from the account, region and trail name", () => {
    expect(auditNames(STAGING_ARGS)).toEqual({
      trailArn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-staging-audit",
      bucketName: "syrf-staging-audit-111122223333",
      bucketArn: "arn:aws:s3:::syrf-staging-audit-111122223333",
      logGroupName: "/aws/cloudtrail/syrf-staging-audit",
      logGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-staging-audit",
      deliveryRoleName: "syrf-staging-audit-cloudwatch-delivery",
      topicName: "syrf-staging-audit-alarms",
      topicArn: "arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms",
      alarmsArnPattern: "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*",
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
