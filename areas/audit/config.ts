/**
 * `atlas-access:audit`: the CloudTrail trail, its detectors for the connection roles and who is notified, and the
 * rules that relate it to the connection roles of `atlas-access:aws`.
 */
import { z } from "zod";
import { rule } from "../../config/rules";
import { email, httpsUrl, strictObject, uniqueList } from "../../config/schema";
import { TRAIL_NAME, accountOfArn, parseRoleArn, roleArnAtRoot } from "../../domain/aws";
import { STACK_NAME } from "../../domain/project";
import type { AwsConfig } from "../connection/config";
import { auditDetectors, detectorPattern, keyIdsOfRealLength } from "./detectors";
import { ownershipCrossStackRules, ownershipRules } from "./ownership";
import { comparableInPattern, metricFilters, watchedRoles } from "./watched";
import {
  ACCEPTED_RETENTION_DAYS,
  FILTER_PATTERN_MAX,
  METRIC_FILTERS_PER_LOG_GROUP_MAX,
  foreignAssumptionPattern,
} from "./patterns";

/**
 * A trail name that also makes a valid S3 bucket name `<trailName>-<accountId>`: lowercase letters, digits and `-`,
 * 3-48 characters, starting and ending with a letter or digit (CloudTrail accepts a superset of this).
 */
export const trailName = z.string().regex(TRAIL_NAME, {
  error:
    "must be 3-48 lowercase letters, digits or '-', starting and ending with a letter or digit (it also names the bucket <trailName>-<accountId>)",
});

/** Whole days, at least `min` (a wrong type or a fraction is reported by the formatter as `expected int`). */
const days = (what: string, min: number) =>
  z
    .number()
    .int()
    .min(min, { error: `must be at least ${min} days (${what})` });

/** `atlas-access:audit`: the CloudTrail trail, its detectors for the connection roles, and who is notified. */
export const auditSchema = strictObject({
  /**
   * Name of the account's one multi-region trail (this stack's, or `trailOwner`'s); also names the bucket
   * (`<trailName>-<accountId>`) and the log group (`/aws/cloudtrail/<trailName>`).
   */
  trailName,
  /**
   * The stack (`Pulumi.<stack>.yaml`) that owns the account's trail, when it is not this one: this stack then creates
   * no trail, only its topic and its detectors on that trail's log group. Leave it out in the owner.
   * @default undefined (this stack owns the trail)
   */
  trailOwner: z
    .string()
    .regex(STACK_NAME, { error: "must be a stack name (Pulumi.<stack>.yaml): letters, digits, '-', '_' and '.'" })
    .optional(),
  /**
   * Prefix of this stack's topic (`<namePrefix>-alarms`), metric filters, alarms and saved query. Required with
   * `trailOwner` (and different from the owner's). @default trailName
   */
  namePrefix: z
    .string()
    .regex(TRAIL_NAME, {
      error: "must be 3-48 lowercase letters, digits or '-', starting and ending with a letter or digit",
    })
    .optional(),
  /**
   * Days CloudWatch Logs keeps the trail's events. One of the values CloudWatch accepts, at least 365. Only in the
   * stack that owns the trail. @default 365
   */
  logRetentionDays: z
    .number()
    .refine((d) => (ACCEPTED_RETENTION_DAYS as readonly number[]).includes(d), {
      error: `must be a retention CloudWatch Logs accepts and at least a year: one of ${ACCEPTED_RETENTION_DAYS.join(", ")}`,
    })
    .optional(),
  /** What happens to the trail's log files in S3. Required in the stack that owns the trail, refused elsewhere. */
  bucketLifecycle: strictObject({
    /** Move log files to S3 Glacier Flexible Retrieval after this many days. Omit to keep them in S3 Standard. */
    transitionToGlacierDays: days("transitionToGlacierDays", 30).optional(),
    /** Delete log files this many days after delivery: at least 365 (a year of evidence). */
    expirationDays: days("expirationDays", 365),
    /** Delete overwritten or deleted (noncurrent) versions after this many days. @default 90 */
    noncurrentVersionExpirationDays: days("noncurrentVersionExpirationDays", 1).default(90),
  }).optional(),
  /**
   * IAM roles of this account that administer the trail's and the alarm topic's KMS keys and may decrypt the trail's
   * log files. The key policies name exactly these (never the account root). Include the role that deploys the stack.
   */
  keyAdministrators: uniqueList(
    z.string().refine((arn) => parseRoleArn(arn) !== undefined, {
      error: "must be an exact IAM role ARN, e.g. arn:aws:iam::111122223333:role/platform-deploy",
    }),
  ).min(1, { error: "must name at least one IAM role: with no administrator nobody could ever manage the audit keys" }),
  /** E-mail addresses subscribed to the alarm topic (each must confirm the subscription). At least one. */
  alarmEmails: uniqueList(email).min(1, {
    error: "must list at least one e-mail address: an alarm nobody receives detects nothing",
  }),
  /** Optional HTTPS endpoints (chat or paging webhooks) subscribed to the alarm topic. @default [] */
  alarmHttpsEndpoints: uniqueList(httpsUrl).default([]),
  /**
   * Also create the CIS AWS Foundations metric filters and alarms (CIS 4.1-4.14) on the same trail. They watch the
   * whole account, so only the stack that owns the trail may set it. @default false
   */
  cisAlarms: z.boolean().default(false),
});
export type AuditConfig = z.infer<typeof auditSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const auditSections = { audit: auditSchema.optional() };

/** What the audit rules read. */
export interface AuditRuleInput {
  aws?: AwsConfig;
  audit?: AuditConfig;
}

export const auditCrossStackRules = ownershipCrossStackRules;

export const auditRules = [
  ...ownershipRules,
  rule<AuditRuleInput>({
    name: "audit bucket lifecycle",
    reads: ["audit"],
    check({ audit }, add) {
      const lifecycle = audit?.bucketLifecycle;
      if (
        lifecycle?.transitionToGlacierDays !== undefined &&
        lifecycle.transitionToGlacierDays >= lifecycle.expirationDays
      ) {
        add(
          ["audit", "bucketLifecycle", "transitionToGlacierDays"],
          lifecycle.transitionToGlacierDays,
          `must be less than expirationDays (${lifecycle.expirationDays}), or omitted`,
        );
      }
    },
  }),
  rule<AuditRuleInput>({
    name: "audit watches the connection roles of this account",
    reads: ["aws", "audit"],
    check({ aws, audit }, add) {
      if (audit === undefined) return;
      if (aws === undefined) {
        add(
          ["audit"],
          { trailName: audit.trailName },
          "needs atlas-access:aws (accountId, region and the connection roles to watch); add it, or remove atlas-access:audit",
        );
        return;
      }
      audit.keyAdministrators.forEach((arn, i) => {
        const account = accountOfArn(arn);
        if (account !== aws.accountId) {
          add(
            ["audit", "keyAdministrators", i],
            arn,
            `is in account ${account}; the audit keys' administrators must be roles of this stack's account ${aws.accountId}`,
          );
        }
      });
      const roles = watchedRoles(aws);
      const filters = metricFilters(aws, audit) ?? 0;
      if (roles.every((r) => r.allowedPrincipals.every(comparableInPattern))) {
        // Foreign-assumption patterns are measured below, per role, with a message of their own.
        const keys = keyIdsOfRealLength(aws.region, aws.accountId);
        for (const d of auditDetectors({ ...aws, ...audit, connectionRoles: roles })) {
          const length = detectorPattern(d, keys).length;
          if (d.key.startsWith("foreign-assume-") || length <= FILTER_PATTERN_MAX) continue;
          add(
            ["audit", audit.namePrefix !== undefined ? "namePrefix" : "trailName"],
            audit.namePrefix ?? audit.trailName,
            `the ${d.key} filter pattern would be ${length} characters in ${aws.region}; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}: choose a shorter name`,
          );
        }
      }
      if (filters > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
        add(
          ["aws", "connections"],
          aws.connections.map((c) => c.name),
          `${aws.connections.length} connection roles need ${filters} metric filters on the trail's log group (2 per role, ` +
            "at least 1 for their workload roles, the account and self-protection detectors" +
            `${audit.cisAlarms ? ", 14 for cisAlarms" : ""}); CloudWatch Logs allows at most ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
        );
      }

      aws.connections.forEach((connection, i) => {
        let safe = true;
        connection.allowedPrincipals.forEach((principal, j) => {
          // The shape of a principal is the connection rules' job (areas/connection/config.ts); a principal they reject is
          // reported there once, and only makes the pattern below meaningless.
          if (!comparableInPattern(principal)) {
            safe = false;
            return;
          }
          const account = accountOfArn(principal);
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
          roleArnAtRoot(aws.accountId, connection.name),
          connection.allowedPrincipals,
          connection.eksPodIdentity,
        ).length;
        if (length > FILTER_PATTERN_MAX) {
          add(
            ["aws", "connections", i, "allowedPrincipals"],
            connection.allowedPrincipals,
            `with ${connection.allowedPrincipals.length} allowed principals${podNote(connection)} the foreign-assumption filter pattern for role ${connection.name} ` +
              `would be ${length} characters; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}: allow fewer principals ` +
              "(the detector cannot be split: each filter would flag the principals the others allow)",
          );
        }
      });
    },
  }),
];

/** ` and N Pod Identity service accounts`, when there are some. */
const podNote = (c: AwsConfig["connections"][number]): string =>
  c.eksPodIdentity ? ` and ${c.eksPodIdentity.serviceAccounts.length} Pod Identity service accounts` : "";
