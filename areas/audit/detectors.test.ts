import { CIS_NAMESPACE, DETECTOR_NAMESPACE, auditDetectors, detectorPattern } from "./detectors";
import { STAGING_ARGS, TRAIL_KEY } from "./fixtures/stackArgs";
import { CIS_PATTERNS } from "./patterns";

const ISSUER = "$.userIdentity.sessionContext.sessionIssuer.arn";
const API_LAMBDA = "arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda";
const ROLE_EVENTS =
  '($.eventName="UpdateAssumeRolePolicy")||($.eventName="AttachRolePolicy")||($.eventName="DetachRolePolicy")||' +
  '($.eventName="PutRolePolicy")||($.eventName="DeleteRolePolicy")||($.eventName="PutRolePermissionsBoundary")||' +
  '($.eventName="DeleteRolePermissionsBoundary")||($.eventName="UpdateRole")||($.eventName="DeleteRole")||($.eventName="CreateRole")';

/** Every detector with its pattern resolved for the mocks' trail key. */
const resolved = (args: Parameters<typeof auditDetectors>[0]) =>
  auditDetectors(args).map((d) => ({ ...d, pattern: detectorPattern(d, TRAIL_KEY) }));

describe("auditDetectors (pure)", () => {
  it("per connection role a foreign-assumption and a role-change detector, then trail tampering; no CIS set by default", () => {
    expect(resolved(STAGING_ARGS).map((d) => [d.key, d.namespace, d.metric])).toEqual([
      ["foreign-assume-syrf-staging-api-atlas", DETECTOR_NAMESPACE, "ForeignAssumeRole-syrf-staging-api-atlas"],
      ["role-change-syrf-staging-api-atlas", DETECTOR_NAMESPACE, "ConnectionRoleChange-syrf-staging-api-atlas"],
      ["foreign-assume-syrf-staging-reports-atlas", DETECTOR_NAMESPACE, "ForeignAssumeRole-syrf-staging-reports-atlas"],
      ["role-change-syrf-staging-reports-atlas", DETECTOR_NAMESPACE, "ConnectionRoleChange-syrf-staging-reports-atlas"],
      ["trail-tampering", DETECTOR_NAMESPACE, "TrailTampering"],
    ]);
    expect(DETECTOR_NAMESPACE).toBe("AtlasAccess/Audit");
  });

  it("foreign assumption: AssumeRole* on the role by a caller with no issuer ARN or an issuer not allowed", () => {
    const [foreignApi, , foreignReports] = resolved(STAGING_ARGS);
    expect(foreignApi).toEqual({
      key: "foreign-assume-syrf-staging-api-atlas",
      description: `Someone other than ${API_LAMBDA} assumed or tried to assume arn:aws:iam::111122223333:role/syrf-staging-api-atlas (IAM users, root, cross-account callers and failed attempts included).`,
      namespace: DETECTOR_NAMESPACE,
      metric: "ForeignAssumeRole-syrf-staging-api-atlas",
      pattern:
        '{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="arn:aws:iam::111122223333:role/syrf-staging-api-atlas")' +
        `&&((${ISSUER} NOT EXISTS)||((${ISSUER}!="${API_LAMBDA}")))}`,
    });
    expect(foreignReports?.pattern).toBe(
      '{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="arn:aws:iam::111122223333:role/syrf-staging-reports-atlas")' +
        `&&((${ISSUER} NOT EXISTS)||((${ISSUER}!="arn:aws:iam::111122223333:role/syrf-staging-reports-task")` +
        `&&(${ISSUER}!="arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda")))}`,
    );
  });

  it("with no allowed principal every assumption of the role is foreign", () => {
    const [foreign] = resolved({ ...STAGING_ARGS, connectionRoles: [{ name: "x", allowedPrincipals: [] }] });
    expect([foreign?.description, foreign?.pattern]).toEqual([
      "Someone other than nobody (no principal is allowed) assumed or tried to assume arn:aws:iam::111122223333:role/x (IAM users, root, cross-account callers and failed attempts included).",
      '{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="arn:aws:iam::111122223333:role/x")}',
    ]);
  });

  it("role change: any of the ten IAM calls naming the role", () => {
    expect(resolved(STAGING_ARGS)[1]).toEqual({
      key: "role-change-syrf-staging-api-atlas",
      description:
        "The connection role syrf-staging-api-atlas was changed: UpdateAssumeRolePolicy, AttachRolePolicy, DetachRolePolicy, PutRolePolicy, DeleteRolePolicy, PutRolePermissionsBoundary, DeleteRolePermissionsBoundary, UpdateRole, DeleteRole, CreateRole.",
      namespace: DETECTOR_NAMESPACE,
      metric: "ConnectionRoleChange-syrf-staging-api-atlas",
      pattern: `{($.eventSource="iam.amazonaws.com")&&(${ROLE_EVENTS})&&($.requestParameters.roleName="syrf-staging-api-atlas")}`,
    });
  });

  it("trail tampering: any trail change, or the trail key (by id or ARN) disabled or scheduled for deletion", () => {
    expect(resolved(STAGING_ARGS)[4]).toEqual({
      key: "trail-tampering",
      description:
        "A trail was changed (CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors) or the key of trail syrf-staging-audit was disabled or scheduled for deletion.",
      namespace: DETECTOR_NAMESPACE,
      metric: "TrailTampering",
      pattern:
        '{(($.eventSource="cloudtrail.amazonaws.com")&&(($.eventName="CreateTrail")||($.eventName="UpdateTrail")||($.eventName="DeleteTrail")||($.eventName="StartLogging")||($.eventName="StopLogging")||($.eventName="PutEventSelectors")))' +
        '||(($.eventSource="kms.amazonaws.com")&&(($.eventName="DisableKey")||($.eventName="ScheduleKeyDeletion"))' +
        '&&(($.requestParameters.keyId="audit-trail-key")||($.requestParameters.keyId="arn:aws:kms:eu-west-1:111122223333:key/audit-trail-key")))}',
    });
  });

  it("cisAlarms adds CIS 4.1-4.14 after the own detectors, verbatim, in the CISBenchmark namespace", () => {
    const cis = resolved({ ...STAGING_ARGS, cisAlarms: true }).slice(5);
    expect(cis.map((d) => d.key)).toEqual([
      "cis-4-1",
      "cis-4-2",
      "cis-4-3",
      "cis-4-4",
      "cis-4-5",
      "cis-4-6",
      "cis-4-7",
      "cis-4-8",
      "cis-4-9",
      "cis-4-10",
      "cis-4-11",
      "cis-4-12",
      "cis-4-13",
      "cis-4-14",
    ]);
    expect(cis[0]).toEqual({
      key: "cis-4-1",
      description: "CIS AWS Foundations 4.1 (Security Hub CloudWatch.2): UnauthorizedAPICalls.",
      namespace: "CISBenchmark",
      metric: "UnauthorizedAPICalls",
      pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    });
    expect(cis.map((d) => [d.namespace, d.metric, d.pattern])).toEqual(
      CIS_PATTERNS.map((c) => [CIS_NAMESPACE, c.metric, c.pattern]),
    );
  });

  it("watches no connection role when none is given: only the trail-tampering detector", () => {
    expect(auditDetectors({ ...STAGING_ARGS, connectionRoles: [] }).map((d) => d.key)).toEqual(["trail-tampering"]);
  });
});
