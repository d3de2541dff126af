/**
 * The arguments of {@link AuditTrail} and their check. The stack config enforces the same rules with config key paths
 * (`config.ts`); this check guards direct use of the component and runs before anything is registered.
 */
import { ACCOUNT_ID, REGION, ROLE_NAME, TRAIL_NAME, accountOfArn, parseRoleArn, roleArnAtRoot } from "../../domain/aws";
import { EMAIL, HTTPS_URL } from "../../domain/formats";
import { ArgsCheck } from "../component";
import {
  ACCEPTED_RETENTION_DAYS,
  FILTER_PATTERN_MAX,
  METRIC_FILTERS_PER_LOG_GROUP_MAX,
  UNSAFE_IN_PATTERN,
  foreignAssumptionPattern,
  metricFilterCount,
} from "./patterns";

/** Days the log group keeps events when `logRetentionDays` is omitted. */
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/** Days noncurrent log-file versions are kept when `noncurrentVersionExpirationDays` is omitted. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 90;

/** A connection role the trail watches. */
export interface WatchedConnectionRole {
  /** IAM role name (the role lives at path `/` in `accountId`). */
  name: string;
  /** Role ARNs whose sessions may assume it: compared exactly with CloudTrail's `sessionIssuer.arn`. */
  allowedPrincipals: string[];
}

/** Arguments of {@link AuditTrail}. Everything is plain data from the validated stack config. */
export interface AuditTrailArgs {
  /** The 12-digit AWS account that owns the connection roles and the trail. */
  accountId: string;
  /** Home region of the trail, bucket, keys, log group, alarms and topic (every resource is pinned to it). */
  region: string;
  /** Trail name; also names the bucket `<trailName>-<accountId>`, the log group `/aws/cloudtrail/<trailName>` and the topic. */
  trailName: string;
  /** The connection roles to watch; may be empty (the trail and its tampering detector still exist). */
  connectionRoles: WatchedConnectionRole[];
  /** Days the log group keeps events: one of {@link ACCEPTED_RETENTION_DAYS}. @default 365 */
  logRetentionDays?: number;
  /** Lifecycle of the log files in S3. */
  bucketLifecycle: {
    /** Move to Glacier after this many days (at least 30, less than `expirationDays`). @default undefined (stay in S3 Standard) */
    transitionToGlacierDays?: number;
    /** Delete after this many days (at least 365). */
    expirationDays: number;
    /** Delete noncurrent versions after this many days. @default 90 */
    noncurrentVersionExpirationDays?: number;
  };
  /**
   * IAM roles (this account) that administer the trail's and the topic's KMS keys and may decrypt the trail's log
   * files. Named exactly: the key policies never delegate to the account root, so no identity policy in the
   * account can grant use of these keys. Include the role that deploys this stack, or it cannot update the keys.
   */
  keyAdministratorArns: string[];
  /** Addresses subscribed to the alarm topic (at least one). */
  alarmEmails: string[];
  /** HTTPS endpoints subscribed to the alarm topic; passed as secrets (webhook URLs often carry a token). @default [] */
  alarmHttpsEndpoints?: string[];
  /** Also create the CIS 4.1-4.14 metric filters and alarms. @default false */
  cisAlarms?: boolean;
}

/** Every problem of `args` (see {@link ArgsCheck}); the component throws them before `super`. */
export function checkAuditTrailArgs(args: AuditTrailArgs): ArgsCheck {
  const check = new ArgsCheck();
  const bad = check.bad.bind(check);
  if (!ACCOUNT_ID.test(args.accountId)) bad("accountId", args.accountId, "must be a 12-digit AWS account id");
  if (!REGION.test(args.region)) bad("region", args.region, "must be an AWS region such as eu-west-1");
  if (!TRAIL_NAME.test(args.trailName))
    bad("trailName", args.trailName, "must be 3-48 lowercase letters, digits or '-'");
  const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  if (!(ACCEPTED_RETENTION_DAYS as readonly number[]).includes(retention))
    bad("logRetentionDays", retention, `must be one of ${ACCEPTED_RETENTION_DAYS.join(", ")}`);
  checkLifecycle(check, args.bucketLifecycle);
  checkKeyAdministrators(check, args);
  if (args.alarmEmails.length === 0) bad("alarmEmails", args.alarmEmails, "must list at least one e-mail address");
  args.alarmEmails.forEach((e, i) => {
    if (!EMAIL.test(e)) bad(`alarmEmails[${i}]`, e, "must be an e-mail address");
  });
  (args.alarmHttpsEndpoints ?? []).forEach((u, i) => {
    // Never echo the URL: a webhook URL often carries a token.
    if (!HTTPS_URL.test(u)) check.badHidden(`alarmHttpsEndpoints[${i}]`, "must be an https:// URL with a host name");
  });
  checkConnectionRoles(check, args);
  return check;
}

/** Expiration at least a year; a Glacier transition, when set, at least 30 days and before expiration. */
function checkLifecycle(check: ArgsCheck, lc: AuditTrailArgs["bucketLifecycle"]): void {
  if (!Number.isInteger(lc.expirationDays) || lc.expirationDays < 365)
    check.bad("bucketLifecycle.expirationDays", lc.expirationDays, "must be a whole number of days, at least 365");
  const glacier = lc.transitionToGlacierDays;
  if (glacier !== undefined && !(Number.isInteger(glacier) && glacier >= 30 && glacier < lc.expirationDays)) {
    check.bad(
      "bucketLifecycle.transitionToGlacierDays",
      glacier,
      "must be a whole number of days, at least 30 and less than expirationDays",
    );
  }
}

/** At least one administrator, each an exact role ARN in the trail's account (never the root, never a wildcard). */
function checkKeyAdministrators(check: ArgsCheck, args: AuditTrailArgs): void {
  if (args.keyAdministratorArns.length === 0)
    check.bad(
      "keyAdministratorArns",
      args.keyAdministratorArns,
      "must name at least one IAM role, or nobody could ever manage the keys",
    );
  args.keyAdministratorArns.forEach((arn, i) => {
    const otherAccount = ACCOUNT_ID.test(args.accountId) && accountOfArn(arn) !== args.accountId;
    if (parseRoleArn(arn) === undefined || otherAccount)
      check.bad(`keyAdministratorArns[${i}]`, arn, `must be an exact IAM role ARN in account ${args.accountId}`);
  });
}

/**
 * Each role once, with a valid name and principals that can be compared exactly in a filter pattern; each role's
 * foreign-assumption pattern within CloudWatch's length limit; all filters within the per-log-group limit.
 */
function checkConnectionRoles(check: ArgsCheck, args: AuditTrailArgs): void {
  const seen = new Set<string>();
  args.connectionRoles.forEach((role, i) => {
    if (!ROLE_NAME.test(role.name)) check.bad(`connectionRoles[${i}].name`, role.name, "must be an IAM role name");
    if (seen.has(role.name))
      check.bad(`connectionRoles[${i}].name`, role.name, "is watched twice; list each connection role once");
    seen.add(role.name);
    const unsafe = role.allowedPrincipals.filter((p) => parseRoleArn(p) === undefined || UNSAFE_IN_PATTERN.test(p));
    unsafe.forEach((p) =>
      check.bad(`connectionRoles[${i}].allowedPrincipals`, p, 'each must be an IAM role ARN without *, " or \\'),
    );
    if (unsafe.length > 0 || !ROLE_NAME.test(role.name)) return;
    const length = foreignAssumptionPattern(roleArnAtRoot(args.accountId, role.name), role.allowedPrincipals).length;
    if (length > FILTER_PATTERN_MAX) {
      check.bad(
        `connectionRoles[${i}].allowedPrincipals`,
        `${role.allowedPrincipals.length} principals`,
        `the foreign-assumption filter pattern would be ${length} characters; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}`,
      );
    }
  });
  const filters = metricFilterCount(args.connectionRoles.length, args.cisAlarms ?? false);
  if (filters > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
    check.bad(
      "connectionRoles",
      `${args.connectionRoles.length} roles`,
      `needs ${filters} metric filters; CloudWatch Logs allows ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
    );
  }
}
