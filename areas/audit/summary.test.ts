import { PROD_ARGS, STAGING_ARGS } from "./fixtures/stackArgs";
import { auditSummaryLines } from "./summary";

describe("auditSummaryLines (pure)", () => {
  it("summarises what is watched and who is notified (staging: two roles, CIS off, e-mail only)", () => {
    expect(auditSummaryLines(STAGING_ARGS)).toEqual([
      "trail syrf-staging-audit: every region, management events read and write, log file validation, KMS; bucket syrf-staging-audit-111122223333; log group /aws/cloudtrail/syrf-staging-audit kept 400 days",
      "alarm when anyone but arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda assumes syrf-staging-api-atlas (IAM users, root, other accounts and failed attempts included)",
      "alarm when anyone but arn:aws:iam::111122223333:role/syrf-staging-reports-task, arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda assumes syrf-staging-reports-atlas (IAM users, root, other accounts and failed attempts included)",
      "alarm on any change to syrf-staging-api-atlas: trust policy, policies, permissions boundary, update, delete, create",
      "alarm on any change to syrf-staging-reports-atlas: trust policy, policies, permissions boundary, update, delete, create",
      "alarm on trail tampering: CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors; DisableKey, ScheduleKeyDeletion of the trail key",
      "CIS 4.1-4.14 alarms: off",
      "notified via syrf-staging-audit-alarms: security@example.com, platform-oncall@example.com",
    ]);
  });

  it("counts the HTTPS endpoints without showing them, and reports the CIS set (prod)", () => {
    const lines = auditSummaryLines(PROD_ARGS);
    expect(lines.slice(-2)).toEqual([
      "CIS 4.1-4.14 alarms: on (14)",
      "notified via syrf-prod-audit-alarms: security@example.com, platform-oncall@example.com and 1 HTTPS endpoint(s) (URLs kept secret)",
    ]);
    expect(lines.join("\n")).not.toContain("alerts.example.com");
  });

  it("uses the defaults when retention, CIS and HTTPS endpoints are omitted; a role with no principal is watched for anyone", () => {
    const { accountId, region, trailName, bucketLifecycle, keyAdministratorArns, alarmEmails } = STAGING_ARGS;
    const lines = auditSummaryLines({
      ...{ accountId, region, trailName, bucketLifecycle, keyAdministratorArns, alarmEmails },
      connectionRoles: [{ name: "x", allowedPrincipals: [] }],
    });
    expect(lines[0]).toBe(
      "trail syrf-staging-audit: every region, management events read and write, log file validation, KMS; bucket syrf-staging-audit-111122223333; log group /aws/cloudtrail/syrf-staging-audit kept 365 days",
    );
    expect(lines[1]).toBe(
      "alarm when anyone but nobody assumes x (IAM users, root, other accounts and failed attempts included)",
    );
    expect(lines.slice(-2)).toEqual([
      "CIS 4.1-4.14 alarms: off",
      "notified via syrf-staging-audit-alarms: security@example.com, platform-oncall@example.com",
    ]);
  });
});
