import { z } from "zod";
import type { AddIssue, StackConfig } from "../../program/config";
import { email, strictObject, uniqueList } from "../../config/schema";
import {
  ACCEPTED_RETENTION_DAYS,
  FILTER_PATTERN_MAX,
  METRIC_FILTERS_PER_LOG_GROUP_MAX,
  connectionRoleArn,
  foreignAssumptionPattern,
  metricFilterCount,
} from "./patterns";

/**
 * A trail name that also makes a valid S3 bucket name `<trailName>-<accountId>`: lowercase letters, digits and `-`,
 * 3-48 characters, starting and ending with a letter or digit (CloudTrail accepts a superset of this).
 */
export const trailName = z.string().regex(/^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/, {
  error:
    "must be 3-48 lowercase letters, digits or '-', starting and ending with a letter or digit (it also names the bucket <trailName>-<accountId>)",
});

/** Whole days, at least `min` (a wrong type or a fraction is reported by the formatter as `expected int`). */
const days = (what: string, min: number) =>
  z
    .number()
    .int()
    .min(min, { error: `must be at least ${min} days (${what})` });

export const httpsEndpoint = z.string().regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/, {
  error: "must be an https:// URL such as https://alerts.example.com/hooks/aws (plain http is not accepted)",
});

/** `atlas-access:audit`: the CloudTrail trail, its detectors for the connection roles, and who is notified. */
export const auditSchema = strictObject({
  /** Name of the multi-region trail; also names the bucket (`<trailName>-<accountId>`) and the log group. */
  trailName,
  /**
   * Days CloudWatch Logs keeps the trail's events. One of the values CloudWatch accepts, at least 365.
   * @default 365
   */
  logRetentionDays: z
    .number()
    .refine((d) => (ACCEPTED_RETENTION_DAYS as readonly number[]).includes(d), {
      error: `must be a retention CloudWatch Logs accepts and at least a year: one of ${ACCEPTED_RETENTION_DAYS.join(", ")}`,
    })
    .default(365),
  /** What happens to the trail's log files in S3. */
  bucketLifecycle: strictObject({
    /** Move log files to S3 Glacier Flexible Retrieval after this many days. Omit to keep them in S3 Standard. */
    transitionToGlacierDays: days("transitionToGlacierDays", 30).optional(),
    /** Delete log files this many days after delivery: at least 365 (a year of evidence). */
    expirationDays: days("expirationDays", 365),
    /** Delete overwritten or deleted (noncurrent) versions after this many days. @default 90 */
    noncurrentVersionExpirationDays: days("noncurrentVersionExpirationDays", 1).default(90),
  }),
  /**
   * IAM roles of this account that administer the trail's and the alarm topic's KMS keys and may decrypt the trail's
   * log files. The key policies name exactly these (never the account root). Include the role that deploys the stack.
   */
  keyAdministrators: uniqueList(
    z.string().regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, {
      error: "must be an exact IAM role ARN, e.g. arn:aws:iam::111122223333:role/platform-deploy",
    }),
  ).min(1, { error: "must name at least one IAM role: with no administrator nobody could ever manage the audit keys" }),
  /** E-mail addresses subscribed to the alarm topic (each must confirm the subscription). At least one. */
  alarmEmails: uniqueList(email).min(1, {
    error: "must list at least one e-mail address: an alarm nobody receives detects nothing",
  }),
  /** Optional HTTPS endpoints (chat or paging webhooks) subscribed to the alarm topic. @default [] */
  alarmHttpsEndpoints: uniqueList(httpsEndpoint).default([]),
  /** Also create the CIS AWS Foundations metric filters and alarms (CIS 4.1-4.14) on the same trail. @default false */
  cisAlarms: z.boolean().default(false),
});
export type AuditConfig = z.infer<typeof auditSchema>;

/**
 * An IAM role ARN whose characters can be compared exactly inside a quoted filter-pattern value: printable ASCII
 * (`!` to `~`) except `"` (0x22), `*` (0x2A) and `\` (0x5C).
 */
const ISSUER_ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[!#-)+-[\]-~]+$/;

export function checkAudit(cfg: StackConfig, add: AddIssue): void {
  const audit = cfg.audit;
  if (audit === undefined) return;
  const aws = cfg.aws;
  if (aws === undefined) {
    add(
      ["audit"],
      { trailName: audit.trailName },
      "needs atlas-access:aws (accountId, region and the connection roles to watch); add it, or remove atlas-access:audit",
    );
    return;
  }
  audit.keyAdministrators.forEach((arn, i) => {
    const account = arn.split(":")[4];
    // A malformed account id is reported once, by its own rule.
    if (/^\d{12}$/.test(aws.accountId) && account !== aws.accountId) {
      add(
        ["audit", "keyAdministrators", i],
        arn,
        `is in account ${account}; the audit keys' administrators must be roles of this stack's account ${aws.accountId}`,
      );
    }
  });
  const lifecycle = audit.bucketLifecycle;
  if (
    lifecycle.transitionToGlacierDays !== undefined &&
    lifecycle.transitionToGlacierDays >= lifecycle.expirationDays
  ) {
    add(
      ["audit", "bucketLifecycle", "transitionToGlacierDays"],
      lifecycle.transitionToGlacierDays,
      `must be less than expirationDays (${lifecycle.expirationDays}), or omitted`,
    );
  }

  const filters = metricFilterCount(aws.connections.length, audit.cisAlarms);
  if (filters > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
    add(
      ["aws", "connections"],
      aws.connections.map((c) => c.name),
      `${aws.connections.length} connection roles need ${filters} metric filters on the trail's log group (2 per role, 1 for the trail` +
        `${audit.cisAlarms ? ", 14 for cisAlarms" : ""}); CloudWatch Logs allows at most ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
    );
  }

  aws.connections.forEach((connection, i) => {
    let safe = true;
    connection.allowedPrincipals.forEach((principal, j) => {
      // The shape of a principal is the IAM connection rules' job (stacks/schema/aws.ts); a principal they reject is
      // reported there once, and only makes the pattern below meaningless.
      if (!ISSUER_ROLE_ARN.test(principal)) {
        safe = false;
        return;
      }
      const account = principal.split(":")[4];
      if (account !== aws.accountId) {
        safe = false;
        // Without a crossAccount entry the IAM rules already refuse this principal.
        if (!connection.crossAccount?.accountIds.includes(account ?? "")) return;
        add(
          ["aws", "connections", i, "allowedPrincipals", j],
          principal,
          `is in account ${account}, not ${aws.accountId}: CloudTrail records a cross-account AssumeRole here without the caller's ` +
            "role ARN (userIdentity.type AWSAccount), so the foreign-assumption alarm would fire on every legitimate use; " +
            "list only roles of this account while atlas-access:audit is set",
        );
      }
    });
    if (!safe) return;
    const length = foreignAssumptionPattern(
      connectionRoleArn(aws.accountId, connection.name),
      connection.allowedPrincipals,
    ).length;
    if (length > FILTER_PATTERN_MAX) {
      add(
        ["aws", "connections", i, "allowedPrincipals"],
        connection.allowedPrincipals,
        `with ${connection.allowedPrincipals.length} allowed principals the foreign-assumption filter pattern for role ${connection.name} ` +
          `would be ${length} characters; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}: allow fewer principals ` +
          "(the detector cannot be split: each filter would flag the principals the others allow)",
      );
    }
  });
}
