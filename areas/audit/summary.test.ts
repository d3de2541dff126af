import { PROD_ARGS, STAGING_ARGS } from "./fixtures/stackArgs";
import { auditSummaryLines } from "./summary";

describe("auditSummaryLines (pure)", () => {
  it("summarises the trail and what is watched in the stack that owns it (prod: CIS on, an HTTPS endpoint)", () => {
    expect(auditSummaryLines(PROD_ARGS)).toEqual([
      "trail syrf-prod-audit: every region, management events read and write, log file validation, KMS; bucket syrf-prod-audit-111122223333; log group /aws/cloudtrail/syrf-prod-audit kept 1096 days",
      "heartbeat: alarm when /aws/cloudtrail/syrf-prod-audit receives no event for an hour (missing data is breaching)",
      "alarm when anyone but arn:aws:iam::111122223333:role/service-role/syrf-prod-api-lambda assumes syrf-prod-api-atlas (IAM users, root, other accounts and failed attempts included)",
      "alarm on any change to syrf-prod-api-atlas: trust policy, policies, permissions boundary, update, delete, create",
      "alarm on UpdateAssumeRolePolicy, DeleteRole, CreateRole, AttachRolePolicy, PutRolePolicy of the workload roles syrf-prod-api-lambda",
      "alarm on trail changes: CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors",
      "alarm on PutKeyPolicy, CreateGrant, DisableKey, ScheduleKeyDeletion, DisableKeyRotation of the trail key and the topic key",
      "alarm on any change to the delivery role syrf-prod-audit-cloudwatch-delivery or to the log group's existence, retention or key",
      "alarm on changes to this stack's metric filters, alarms, topic and subscriptions, and when that detector goes silent for an hour",
      "CIS 4.1-4.14 alarms: on (14)",
      "notified via syrf-prod-audit-alarms: security@example.com, platform-oncall@example.com and 1 HTTPS endpoint(s) (URLs kept secret)",
    ]);
    expect(auditSummaryLines(PROD_ARGS).join("\n")).not.toContain("alerts.example.com");
  });

  it("names the trail's owner and this stack's prefix where the trail is another stack's (staging)", () => {
    expect(auditSummaryLines(STAGING_ARGS)).toEqual([
      "trail syrf-prod-audit belongs to stack prod: this stack's detectors (syrf-staging-audit-*) watch its log group /aws/cloudtrail/syrf-prod-audit",
      "heartbeat: alarm when /aws/cloudtrail/syrf-prod-audit receives no event for an hour (missing data is breaching)",
      "alarm when anyone but arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda assumes syrf-staging-api-atlas (IAM users, root, other accounts and failed attempts included)",
      "alarm when anyone but arn:aws:iam::111122223333:role/syrf-staging-reports-task, arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda assumes syrf-staging-reports-atlas (IAM users, root, other accounts and failed attempts included)",
      "alarm on any change to syrf-staging-api-atlas: trust policy, policies, permissions boundary, update, delete, create",
      "alarm on any change to syrf-staging-reports-atlas: trust policy, policies, permissions boundary, update, delete, create",
      "alarm on UpdateAssumeRolePolicy, DeleteRole, CreateRole, AttachRolePolicy, PutRolePolicy of the workload roles syrf-staging-api-lambda, syrf-staging-reports-task, syrf-staging-reports-backfill-lambda",
      "alarm on trail changes: CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors",
      "alarm on PutKeyPolicy, CreateGrant, DisableKey, ScheduleKeyDeletion, DisableKeyRotation of the topic key",
      "alarm on changes to this stack's metric filters, alarms, topic and subscriptions, and when that detector goes silent for an hour",
      "CIS 4.1-4.14 alarms: off",
      "notified via syrf-staging-audit-alarms: security@example.com, platform-oncall@example.com",
    ]);
  });

  it("uses the defaults when retention, CIS and HTTPS endpoints are omitted; lists Pod Identity; a role with no principal is watched for anyone", () => {
    const { accountId, region, trailName, bucketLifecycle, keyAdministratorArns, alarmEmails } = PROD_ARGS;
    const lines = auditSummaryLines({
      ...{ accountId, region, trailName, bucketLifecycle, keyAdministratorArns, alarmEmails },
      connectionRoles: [
        { name: "x", allowedPrincipals: [] },
        {
          name: "y",
          allowedPrincipals: [],
          podIdentity: {
            clusterArns: ["arn:aws:eks:eu-west-1:111122223333:cluster/c"],
            serviceAccounts: [{ namespace: "ns", name: "sa" }],
          },
        },
      ],
    });
    expect(lines[0]).toBe(
      "trail syrf-prod-audit: every region, management events read and write, log file validation, KMS; bucket syrf-prod-audit-111122223333; log group /aws/cloudtrail/syrf-prod-audit kept 365 days",
    );
    expect(lines.slice(2, 4)).toEqual([
      "alarm when anyone but nobody assumes x (IAM users, root, other accounts and failed attempts included)",
      "alarm when anyone but Pod Identity ns/sa assumes y (IAM users, root, other accounts and failed attempts included)",
    ]);
    expect(lines.slice(-2)).toEqual([
      "CIS 4.1-4.14 alarms: off",
      "notified via syrf-prod-audit-alarms: security@example.com, platform-oncall@example.com",
    ]);
  });
});
