/**
 * The audit trail component: only wiring. The trail and its storage come from `trail.ts` (only in the stack that owns
 * the account's trail), the topic from `topic.ts`, what is watched from `detectors.ts` (alarmed by `alarms.ts`), the
 * names from `names.ts`, the argument check from `args.ts`, the summary from `summary.ts`.
 */
// Sub-module imports: the package root would make the type check parse every service's declarations.
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import type { AccessSummary } from "../../domain/summary";
import { type AuditTrailArgs, checkAuditTrailArgs } from "./args";
import { declareDetectorAlarms } from "./alarms";
import { auditDetectors } from "./detectors";
import { connectionRoleQuery } from "./documents";
import { auditNames } from "./names";
import { auditSummaryLines } from "./summary";
import { declareTopic } from "./topic";
import { declareTrail } from "./trail";

export const AUDIT_TRAIL_TYPE = "atlas-access:aws:AuditTrail";

/**
 * The audit of one AWS account's connection roles. In the stack that owns the account's trail: a multi-region
 * CloudTrail trail into a locked-down, KMS-encrypted bucket and a KMS-encrypted CloudWatch log group. In every stack:
 * detectors (metric filter + alarm) on that log group for anyone else assuming a connection role, any change to a
 * connection role or to the workload roles it trusts, and tampering with the trail, the audit keys, the delivery and
 * the detectors themselves, a heartbeat of the log group, all notifying one KMS-encrypted SNS topic of this stack.
 */
export class AuditTrail extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;
  public readonly topicArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The trail's bucket; undefined when the trail is another stack's. */
  public readonly bucketName?: pulumi.Output<string>;
  /** What is watched and who is notified, for reviewers. */
  public readonly summary: AccessSummary;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    checkAuditTrailArgs(args).throwIfAny("AuditTrail", name);
    super(AUDIT_TRAIL_TYPE, name, {}, opts);
    const { region, bucketLifecycle } = args;
    const names = auditNames(args);

    // The check above guarantees a lifecycle whenever this stack owns the trail.
    const owned =
      args.trailOwner === undefined && bucketLifecycle !== undefined
        ? declareTrail(this, name, { ...args, bucketLifecycle }, names)
        : undefined;
    const { topicKey, topic } = declareTopic(this, name, args, names);
    const logGroupName = owned ? owned.logGroup.name : pulumi.output(names.logGroupName);

    declareDetectorAlarms(
      this,
      {
        name,
        region,
        prefix: names.prefix,
        logGroupName,
        topicArn: topic.arn,
        keys: { trail: owned?.trailKey, topic: topicKey },
      },
      auditDetectors(args),
    );

    new cloudwatch.QueryDefinition(
      `${name}-assumptions-query`,
      {
        region,
        name: names.queryName,
        logGroupNames: [logGroupName],
        queryString: connectionRoleQuery(names.connectionRoleArns),
      },
      { parent: this },
    );

    this.trailArn = owned ? owned.trail.arn : pulumi.output(names.trailArn);
    this.topicArn = topic.arn;
    this.logGroupName = logGroupName;
    this.bucketName = owned?.bucket.bucket;
    this.summary = { component: AUDIT_TRAIL_TYPE, name, lines: auditSummaryLines(args) };
    this.registerOutputs({
      trailArn: this.trailArn,
      topicArn: this.topicArn,
      logGroupName: this.logGroupName,
      ...(this.bucketName ? { bucketName: this.bucketName } : {}),
    });
  }
}
