/**
 * Every name and ARN the audit trail derives from its arguments. The policies must name the trail, the bucket, the
 * log group and the topic before any of them exists, so they are built from the account, region and trail name
 * (every resource is pinned to that region, so the ARNs cannot disagree with where the resources are). The trail's
 * names come from `trailName` (the account's one trail, this stack's or `trailOwner`'s); this stack's own topic,
 * filters, alarms and query from `namePrefix`, which defaults to `trailName`.
 */
import { roleArnAtRoot } from "../../domain/aws";
import type { AuditTrailArgs } from "./args";

/** The names and ARNs of one audit trail's resources. */
export interface AuditNames {
  /** `arn:aws:cloudtrail:<region>:<account>:trail/<trailName>`: what every `aws:SourceArn` condition names. */
  trailArn: string;
  /** `<trailName>-<accountId>`: one bucket per account and trail (S3 bucket names are global). */
  bucketName: string;
  bucketArn: string;
  /** `/aws/cloudtrail/<trailName>`: the log group every stack of the account adds its detectors to. */
  logGroupName: string;
  logGroupArn: string;
  /** The role CloudTrail assumes to write into the log group: `<trailName>-cloudwatch-delivery`. */
  deliveryRoleName: string;
  /** Prefix of this stack's topic, metric filters, alarms and query: `namePrefix`, else `trailName`. */
  prefix: string;
  /** `<prefix>-alarms`. */
  topicName: string;
  topicArn: string;
  /** Every CloudWatch alarm of the account in the home region: the only publishers the topic policy allows. */
  alarmsArnPattern: string;
  /** The saved Logs Insights query: `<prefix>/connection-role-assumptions`. */
  queryName: string;
  /** The ARN of each watched connection role (path `/`), in the order of `connectionRoles`. */
  connectionRoleArns: string[];
}

/** The names and ARNs derived from `args` (no validation: call it on checked arguments). */
export function auditNames(
  args: Pick<AuditTrailArgs, "accountId" | "region" | "trailName" | "namePrefix" | "connectionRoles">,
): AuditNames {
  const { accountId, region, trailName } = args;
  const prefix = args.namePrefix ?? trailName;
  const bucketName = `${trailName}-${accountId}`;
  const logGroupName = `/aws/cloudtrail/${trailName}`;
  const topicName = `${prefix}-alarms`;
  return {
    trailArn: `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`,
    bucketName,
    bucketArn: `arn:aws:s3:::${bucketName}`,
    logGroupName,
    logGroupArn: `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`,
    deliveryRoleName: `${trailName}-cloudwatch-delivery`,
    prefix,
    topicName,
    topicArn: `arn:aws:sns:${region}:${accountId}:${topicName}`,
    alarmsArnPattern: `arn:aws:cloudwatch:${region}:${accountId}:alarm:*`,
    queryName: `${prefix}/connection-role-assumptions`,
    connectionRoleArns: args.connectionRoles.map((r) => roleArnAtRoot(accountId, r.name)),
  };
}
