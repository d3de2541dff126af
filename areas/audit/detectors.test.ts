import { CIS_PATTERNS } from "./cis";
import { CIS_NAMESPACE, DETECTOR_NAMESPACE, auditDetectors, detectorPattern, workloadRoleNames } from "./detectors";
import { KEYS, PROD_ARGS, STAGING_ARGS, TOPIC_KEY } from "./fixtures/stackArgs";

const ISSUER = "$.userIdentity.sessionContext.sessionIssuer.arn";
const API_LAMBDA = "arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda";
const ev = (...names: string[]) => names.map((n) => `($.eventName="${n}")`).join("||");
const ROLE_EVENTS = ev(
  "UpdateAssumeRolePolicy",
  "AttachRolePolicy",
  "DetachRolePolicy",
  "PutRolePolicy",
  "DeleteRolePolicy",
  "PutRolePermissionsBoundary",
  "DeleteRolePermissionsBoundary",
  "UpdateRole",
  "DeleteRole",
  "CreateRole",
);

/** Every detector with its pattern resolved for the mocks' keys (staging has no trail key). */
const resolved = (args: Parameters<typeof auditDetectors>[0]) =>
  auditDetectors(args).map((d) => ({
    ...d,
    pattern: detectorPattern(d, args.trailOwner ? { topic: TOPIC_KEY } : KEYS),
  }));
const byKey = (args: Parameters<typeof auditDetectors>[0], key: string) => resolved(args).find((d) => d.key === key);

describe("auditDetectors (pure): which detectors each stack has", () => {
  it("staging (trail owned by prod): per connection role two, the workload roles, trail, keys, self-protection", () => {
    expect(resolved(STAGING_ARGS).map((d) => [d.key, d.namespace, d.metric, d.liveness ?? false])).toEqual([
      ["foreign-assume-syrf-staging-api-atlas", DETECTOR_NAMESPACE, "ForeignAssumeRole-syrf-staging-api-atlas", false],
      ["role-change-syrf-staging-api-atlas", DETECTOR_NAMESPACE, "ConnectionRoleChange-syrf-staging-api-atlas", false],
      [
        "foreign-assume-syrf-staging-reports-atlas",
        DETECTOR_NAMESPACE,
        "ForeignAssumeRole-syrf-staging-reports-atlas",
        false,
      ],
      [
        "role-change-syrf-staging-reports-atlas",
        DETECTOR_NAMESPACE,
        "ConnectionRoleChange-syrf-staging-reports-atlas",
        false,
      ],
      ["workload-role-change-1", DETECTOR_NAMESPACE, "WorkloadRoleChange-1-syrf-staging-audit", false],
      ["trail-tampering", DETECTOR_NAMESPACE, "TrailTampering-syrf-staging-audit", false],
      ["key-tampering", DETECTOR_NAMESPACE, "AuditKeyTampering-syrf-staging-audit", false],
      ["detector-tampering", DETECTOR_NAMESPACE, "DetectorTampering-syrf-staging-audit", true],
    ]);
    expect(DETECTOR_NAMESPACE).toBe("AtlasAccess/Audit");
  });

  it("prod (owns the trail): also the delivery pipeline, and the CIS set after its own detectors", () => {
    expect(resolved(PROD_ARGS).map((d) => d.key)).toEqual([
      "foreign-assume-syrf-prod-api-atlas",
      "role-change-syrf-prod-api-atlas",
      "workload-role-change-1",
      "trail-tampering",
      "key-tampering",
      "pipeline-tampering",
      "detector-tampering",
      ...CIS_PATTERNS.map((c) => `cis-${c.id.replace(".", "-")}`),
    ]);
  });

  it("the stacks' metric names never meet: a shared metric would let one stack's filter keep the other's alarms quiet", () => {
    const metrics = (args: typeof STAGING_ARGS) => auditDetectors(args).map((d) => `${d.namespace}/${d.metric}`);
    expect(metrics(STAGING_ARGS).filter((m) => metrics(PROD_ARGS).includes(m))).toEqual([]);
  });

  it("watches no connection role when none is given: the account and self-protection detectors remain", () => {
    expect(auditDetectors({ ...STAGING_ARGS, connectionRoles: [] }).map((d) => d.key)).toEqual([
      "trail-tampering",
      "key-tampering",
      "detector-tampering",
    ]);
  });

  it("cisAlarms adds CIS 4.1-4.14 verbatim in the CISBenchmark namespace, only in the stack that owns the trail", () => {
    const cis = resolved(PROD_ARGS).filter((d) => d.key.startsWith("cis-"));
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
    expect(auditDetectors({ ...STAGING_ARGS, cisAlarms: true }).filter((d) => d.key.startsWith("cis-"))).toEqual([]);
  });
});

describe("auditDetectors (pure): each detector's exact pattern and description", () => {
  it("foreign assumption: AssumeRole* on the role by a caller with no issuer ARN or an issuer not allowed", () => {
    expect(byKey(STAGING_ARGS, "foreign-assume-syrf-staging-api-atlas")).toEqual({
      key: "foreign-assume-syrf-staging-api-atlas",
      description: `Someone other than ${API_LAMBDA} assumed or tried to assume arn:aws:iam::111122223333:role/syrf-staging-api-atlas (IAM users, root, cross-account callers and failed attempts included).`,
      namespace: DETECTOR_NAMESPACE,
      metric: "ForeignAssumeRole-syrf-staging-api-atlas",
      pattern:
        '{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="arn:aws:iam::111122223333:role/syrf-staging-api-atlas")' +
        `&&((${ISSUER} NOT EXISTS)||((${ISSUER}!="${API_LAMBDA}")))}`,
    });
    expect(byKey(STAGING_ARGS, "foreign-assume-syrf-staging-reports-atlas")?.pattern).toBe(
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

  it("role change: any of the ten IAM calls naming the connection role", () => {
    expect(byKey(STAGING_ARGS, "role-change-syrf-staging-api-atlas")).toEqual({
      key: "role-change-syrf-staging-api-atlas",
      description:
        "The connection role syrf-staging-api-atlas was changed: UpdateAssumeRolePolicy, AttachRolePolicy, DetachRolePolicy, PutRolePolicy, DeleteRolePolicy, PutRolePermissionsBoundary, DeleteRolePermissionsBoundary, UpdateRole, DeleteRole, CreateRole.",
      namespace: DETECTOR_NAMESPACE,
      metric: "ConnectionRoleChange-syrf-staging-api-atlas",
      pattern: `{($.eventSource="iam.amazonaws.com")&&(${ROLE_EVENTS})&&($.requestParameters.roleName="syrf-staging-api-atlas")}`,
    });
  });

  it("workload roles: trust, deletion, creation and new policies of every same-account role a connection role trusts", () => {
    expect(workloadRoleNames(STAGING_ARGS)).toEqual([
      "syrf-staging-api-lambda",
      "syrf-staging-reports-task",
      "syrf-staging-reports-backfill-lambda",
    ]);
    expect(byKey(STAGING_ARGS, "workload-role-change-1")).toEqual({
      key: "workload-role-change-1",
      description:
        "A workload role trusted by a connection role was changed (UpdateAssumeRolePolicy, DeleteRole, CreateRole, AttachRolePolicy, PutRolePolicy); watched: syrf-staging-api-lambda, syrf-staging-reports-task, syrf-staging-reports-backfill-lambda. A re-created workload role is not trusted until the connection role's trust is re-applied: investigate before anyone does.",
      namespace: DETECTOR_NAMESPACE,
      metric: "WorkloadRoleChange-1-syrf-staging-audit",
      pattern:
        `{($.eventSource="iam.amazonaws.com")&&(${ev("UpdateAssumeRolePolicy", "DeleteRole", "CreateRole", "AttachRolePolicy", "PutRolePolicy")})` +
        '&&(($.requestParameters.roleName="syrf-staging-api-lambda")||($.requestParameters.roleName="syrf-staging-reports-task")||($.requestParameters.roleName="syrf-staging-reports-backfill-lambda"))}',
    });
  });

  it("trail tampering: any trail of the account created, changed, started, stopped or narrowed", () => {
    expect(byKey(PROD_ARGS, "trail-tampering")).toEqual({
      key: "trail-tampering",
      description:
        "A trail of the account was changed: CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors.",
      namespace: DETECTOR_NAMESPACE,
      metric: "TrailTampering-syrf-prod-audit",
      pattern: `{($.eventSource="cloudtrail.amazonaws.com")&&(${ev("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors")})}`,
    });
  });

  it("key tampering: policy, grant and state changes of the trail key and the topic key, by id or ARN", () => {
    const ids = (id: string) =>
      `($.requestParameters.keyId="${id}")||($.requestParameters.keyId="arn:aws:kms:eu-west-1:111122223333:key/${id}")`;
    const head = `{($.eventSource="kms.amazonaws.com")&&(${ev("PutKeyPolicy", "CreateGrant", "DisableKey", "ScheduleKeyDeletion", "DisableKeyRotation")})`;
    expect(byKey(PROD_ARGS, "key-tampering")).toEqual({
      key: "key-tampering",
      description:
        "An audit key (trail syrf-prod-audit's key and topic syrf-prod-audit-alarms's key) was changed: PutKeyPolicy, CreateGrant, DisableKey, ScheduleKeyDeletion, DisableKeyRotation.",
      namespace: DETECTOR_NAMESPACE,
      metric: "AuditKeyTampering-syrf-prod-audit",
      pattern: `${head}&&(${ids("audit-trail-key")}||${ids("audit-topic-key")})}`,
    });
    expect(byKey(STAGING_ARGS, "key-tampering")?.pattern).toBe(`${head}&&(${ids("audit-topic-key")})}`);
  });

  it("pipeline tampering (owner only): the delivery role changed, or the log group deleted, shortened, re-keyed or emptied", () => {
    expect(byKey(PROD_ARGS, "pipeline-tampering")?.pattern).toBe(
      `{(($.eventSource="iam.amazonaws.com")&&(${ROLE_EVENTS})&&($.requestParameters.roleName="syrf-prod-audit-cloudwatch-delivery"))` +
        `||(($.eventSource="logs.amazonaws.com")&&(${ev("DeleteLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy", "AssociateKmsKey", "DisassociateKmsKey", "DeleteLogStream")})` +
        '&&($.requestParameters.logGroupName="/aws/cloudtrail/syrf-prod-audit"))}',
    );
    expect(byKey(STAGING_ARGS, "pipeline-tampering")).toBeUndefined();
  });

  it("detector tampering: this stack's filters and alarms, any alarm deletion, the topic and its subscriptions; with liveness", () => {
    expect(byKey(STAGING_ARGS, "detector-tampering")).toEqual({
      key: "detector-tampering",
      description:
        "This stack's detectors or their topic were changed: DeleteMetricFilter, PutMetricFilter or PutMetricAlarm on syrf-staging-audit-*, any DeleteAlarms or DisableAlarmActions, DeleteTopic, SetTopicAttributes, RemovePermission on syrf-staging-audit-alarms, Unsubscribe, SetSubscriptionAttributes of its subscriptions.",
      namespace: DETECTOR_NAMESPACE,
      metric: "DetectorTampering-syrf-staging-audit",
      liveness: true,
      pattern:
        `{(($.eventSource="logs.amazonaws.com")&&(${ev("DeleteMetricFilter", "PutMetricFilter")})&&($.requestParameters.filterName="syrf-staging-audit-*"))` +
        `||(($.eventSource="monitoring.amazonaws.com")&&(${ev("DeleteAlarms", "DisableAlarmActions")}))` +
        `||(($.eventSource="monitoring.amazonaws.com")&&(${ev("PutMetricAlarm")})&&($.requestParameters.alarmName="syrf-staging-audit-*"))` +
        `||(($.eventSource="sns.amazonaws.com")&&(${ev("DeleteTopic", "SetTopicAttributes", "RemovePermission")})&&($.requestParameters.topicArn="arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms"))` +
        `||(($.eventSource="sns.amazonaws.com")&&(${ev("Unsubscribe", "SetSubscriptionAttributes")})&&($.requestParameters.subscriptionArn="arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms:*"))}`,
    });
  });
});
