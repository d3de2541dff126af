/**
 * The wiring: what the REAL program registers for the example stacks (offline harness). Each registered document is
 * compared byte for byte with its pure builder's output; the builders' exact values are tested beside them.
 */
import { readStackConfig } from "../../offline/stackFiles";
import type { RunResult } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import { parseStackConfig } from "../../program/config";
import { AUDIT_TRAIL_TYPE, AuditTrail } from "./AuditTrail";
import type { AuditTrailArgs } from "./args";
import { auditTrailArgs } from "./declare";
import {
  bucketPolicy,
  connectionRoleQuery,
  deliveryRolePolicy,
  deliveryRoleTrustPolicy,
  topicPolicy,
} from "./documents";
import { PROD_ARGS, STAGING_ARGS, TRAIL_KEY } from "./fixtures/stackArgs";
import { topicKeyPolicy, trailKeyPolicy } from "./keyPolicies";
import { auditNames } from "./names";
import { auditSummaryLines } from "./summary";
import { committedRun } from "../../test/support/committedRuns";

const TRAIL_KEY_ARN = TRAIL_KEY.keyArn;
const STACKS: [string, AuditTrailArgs][] = [
  ["staging", STAGING_ARGS],
  ["prod", PROD_ARGS],
];

const runs = new Map<string, RunResult>();
beforeAll(async () => {
  for (const [stack] of STACKS) runs.set(stack, await committedRun(stack));
});
const run = (stack: string) => runs.get(stack) as RunResult;

function one(result: RunResult, type: string, name: string): Registration {
  const found = result.registrations.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0] as Registration;
}
const json = (doc: unknown) => JSON.stringify(doc);

describe("AuditTrail: the component", () => {
  it.each(STACKS)("%s: the fixture arguments are what declare.ts makes of the real config", (stack, args) => {
    expect(auditTrailArgs(parseStackConfig(readStackConfig(stack).project, { stack }))).toEqual(args);
  });

  it("is registered once with its type token, and every AWS resource is its child, pinned to the config's region", () => {
    const staging = run("staging");
    expect(staging.registrations.filter((r) => r.type === AUDIT_TRAIL_TYPE).map((r) => r.name)).toEqual(["audit"]);
    const children = staging.registrations.filter((r) => r.parent === "audit");
    const connectionRoles = new Set(
      staging.registrations.filter((r) => r.type === "atlas-access:aws:ConnectionRole").map((r) => r.name),
    );
    const notConnection = (r: { parent: string | null }) => r.parent === null || !connectionRoles.has(r.parent);
    expect(children.length).toBe(
      staging.registrations.filter((r) => r.type.startsWith("aws:") && notConnection(r)).length,
    );
    for (const r of children.filter(
      (c) => c.type !== "aws:iam/role:Role" && c.type !== "aws:iam/rolePolicy:RolePolicy",
    )) {
      expect({ name: r.name, region: r.inputs.region }).toEqual({ name: r.name, region: "eu-west-1" });
    }
  });

  it("the ARN every policy names is the trail's real ARN; staging reports the same trail, prod's", () => {
    const prod = run("prod");
    expect(prod.outputs.auditTrailArn).toBe("arn:aws:cloudtrail:eu-west-1:111122223333:trail/syrf-prod-audit");
    expect(prod.outputs.auditTrailArn).toBe(auditNames(PROD_ARGS).trailArn);
    expect(run("staging").outputs.auditTrailArn).toBe(prod.outputs.auditTrailArn);
    expect(run("staging").outputs.auditAlarmTopicArn).toBe(
      "arn:aws:sns:eu-west-1:111122223333:syrf-staging-audit-alarms",
    );
    expect(run("staging").outputs.auditAlarmTopicArn).toBe(auditNames(STAGING_ARGS).topicArn);
  });

  it("staging, whose trail is prod's, creates no trail, bucket, trail key, log group or delivery role", () => {
    const types = run("staging")
      .registrations.filter((r) => r.parent === "audit")
      .map((r) => r.type);
    expect(
      [
        "aws:cloudtrail/trail:Trail",
        "aws:s3/bucket:Bucket",
        "aws:cloudwatch/logGroup:LogGroup",
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
      ].filter((t) => types.includes(t)),
    ).toEqual([]);
    expect(
      run("staging")
        .registrations.filter((r) => r.type === "aws:kms/key:Key")
        .map((r) => r.name),
    ).toEqual(["audit-topic-key"]);
  });

  it.each(STACKS)("%s: the summary in the outputs is the summary builder's", (stack, args) => {
    expect(run(stack).outputs.accessSummary).toContainEqual({
      component: AUDIT_TRAIL_TYPE,
      name: "audit",
      lines: auditSummaryLines(args),
    });
  });

  it("checks its arguments before super: one error listing every problem, nothing registered", () => {
    expect(() => new AuditTrail("audit", { ...STAGING_ARGS, region: "Ireland", alarmEmails: [] })).toThrow(
      new Error(
        'AuditTrail "audit": invalid arguments; nothing was created:\n' +
          '  - args.region: got "Ireland"; must be an AWS region such as eu-west-1\n' +
          "  - args.alarmEmails: got []; must list at least one e-mail address",
      ),
    );
  });
});

describe("AuditTrail: the registered documents are the builders' output, byte for byte", () => {
  it("prod: trail key policy, bucket policy and delivery role (only where the trail is created)", () => {
    const result = run("prod");
    const names = auditNames(PROD_ARGS);
    const input = (type: string, name: string, key: string) => one(result, type, name).inputs[key];
    expect(input("aws:kms/key:Key", "audit-trail-key", "policy")).toBe(
      json(trailKeyPolicy(names, PROD_ARGS.accountId, PROD_ARGS.region, PROD_ARGS.keyAdministratorArns)),
    );
    expect(input("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy", "policy")).toBe(
      json(bucketPolicy(names, PROD_ARGS.accountId)),
    );
    expect(input("aws:iam/role:Role", "audit-delivery-role", "assumeRolePolicy")).toBe(json(deliveryRoleTrustPolicy()));
    expect(input("aws:iam/rolePolicy:RolePolicy", "audit-delivery-policy", "policy")).toBe(
      json(deliveryRolePolicy(names, PROD_ARGS.accountId)),
    );
  });

  it.each(STACKS)("%s: topic key policy, topic policy and the saved query", (stack, args) => {
    const result = run(stack);
    const names = auditNames(args);
    const input = (type: string, name: string, key: string) => one(result, type, name).inputs[key];
    expect(input("aws:kms/key:Key", "audit-topic-key", "policy")).toBe(json(topicKeyPolicy(args.keyAdministratorArns)));
    expect(input("aws:sns/topicPolicy:TopicPolicy", "audit-alarm-topic-policy", "policy")).toBe(
      json(topicPolicy(names, args.accountId)),
    );
    expect(one(result, "aws:cloudwatch/queryDefinition:QueryDefinition", "audit-assumptions-query").inputs).toEqual({
      region: "eu-west-1",
      name: names.queryName,
      logGroupNames: [names.logGroupName],
      queryString: connectionRoleQuery(names.connectionRoleArns),
    });
  });
});

describe("AuditTrail: trail storage", () => {
  it("a dedicated bucket named <trail>-<account>, never force-destroyed", () => {
    expect(one(run("prod"), "aws:s3/bucket:Bucket", "audit-bucket").inputs).toEqual({
      region: "eu-west-1",
      bucket: "syrf-prod-audit-111122223333",
      forceDestroy: false,
    });
  });

  it("blocks all public access, enforces bucket-owner ownership, versions, and encrypts with the trail key by default", () => {
    const prod = run("prod");
    expect(
      one(prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "audit-bucket-public-access").inputs,
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      one(prod, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "audit-bucket-ownership").inputs.rule,
    ).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(
      one(prod, "aws:s3/bucketVersioning:BucketVersioning", "audit-bucket-versioning").inputs.versioningConfiguration,
    ).toEqual({ status: "Enabled" });
    expect(
      one(
        prod,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "audit-bucket-encryption",
      ).inputs.rules,
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: TRAIL_KEY_ARN },
        bucketKeyEnabled: true,
      },
    ]);
  });

  it("applies the lifecycle from config", () => {
    expect(
      one(run("prod"), "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "audit-bucket-lifecycle")
        .inputs.rules,
    ).toEqual([
      {
        id: "trail-log-files",
        status: "Enabled",
        filter: { prefix: "" },
        transitions: [{ days: 180, storageClass: "GLACIER" }],
        expiration: { days: 2557 },
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("the trail key and the topic key rotate and keep a 30-day deletion window", () => {
    for (const key of ["audit-trail-key", "audit-topic-key"]) {
      expect(one(run("prod"), "aws:kms/key:Key", key).inputs).toMatchObject({
        enableKeyRotation: true,
        deletionWindowInDays: 30,
      });
    }
  });
});

describe("AuditTrail: the trail and its log group", () => {
  it("multi-region, global events, validation, management events read and write, KMS, CloudWatch Logs with :*", () => {
    const trail = one(run("prod"), "aws:cloudtrail/trail:Trail", "audit-trail");
    expect(trail.inputs).toEqual({
      region: "eu-west-1",
      name: "syrf-prod-audit",
      s3BucketName: "syrf-prod-audit-111122223333",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: TRAIL_KEY_ARN,
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/syrf-prod-audit:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/syrf-prod-audit-cloudwatch-delivery",
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
    });
    // Explicit: the bucket policy and the delivery policy must exist before CloudTrail checks them; the rest are inputs.
    expect([...trail.dependsOn].sort()).toEqual([
      "audit-bucket",
      "audit-bucket-policy",
      "audit-delivery-policy",
      "audit-delivery-role",
      "audit-log-group",
      "audit-trail-key",
    ]);
  });

  it("the log group keeps events for the configured retention, encrypted with the trail key", () => {
    expect(one(run("prod"), "aws:cloudwatch/logGroup:LogGroup", "audit-log-group").inputs).toEqual({
      region: "eu-west-1",
      name: "/aws/cloudtrail/syrf-prod-audit",
      retentionInDays: 1096,
      kmsKeyId: TRAIL_KEY_ARN,
    });
  });
});
