/**
 * The arguments of {@link AuditTrail} and their check. The stack config enforces the same rules with config key paths
 * (`config.ts`); this check guards direct use of the component and runs before anything is registered.
 */
import { ACCOUNT_ID, REGION, ROLE_NAME, TRAIL_NAME, accountOfArn, parseRoleArn, roleArnAtRoot } from "../../domain/aws";
import { EMAIL, HTTPS_URL } from "../../domain/formats";
import { STACK_NAME } from "../../domain/project";
import { ArgsCheck } from "../component";
import { auditDetectors } from "./detectors";
import {
  ACCEPTED_RETENTION_DAYS,
  FILTER_PATTERN_MAX,
  METRIC_FILTERS_PER_LOG_GROUP_MAX,
  type PodIdentitySessions,
  UNSAFE_IN_PATTERN,
  foreignAssumptionPattern,
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
  /** EKS Pod Identity service accounts allowed to assume it: their successful sessions are not foreign. */
  podIdentity?: PodIdentitySessions;
}

/** Arguments of {@link AuditTrail}. Everything is plain data from the validated stack config. */
export interface AuditTrailArgs {
  /** The 12-digit AWS account that owns the connection roles and the trail. */
  accountId: string;
  /** Home region of the trail, bucket, keys, log group, alarms and topic (every resource is pinned to it). */
  region: string;
  /**
   * The account's one trail: created here, or, with `trailOwner`, another stack's whose log group the detectors use.
   * Also names the bucket `<trailName>-<accountId>` and the log group `/aws/cloudtrail/<trailName>`.
   */
  trailName: string;
  /**
   * The stack that owns the account's trail, when it is not this one: nothing of the trail is created here (no trail,
   * bucket, trail key, log group or delivery role), only this stack's topic and its detectors on that log group.
   * @default undefined (this component creates the trail)
   */
  trailOwner?: string;
  /** Prefix of this stack's topic, metric filters, alarms and query; required with `trailOwner`. @default trailName */
  namePrefix?: string;
  /** The connection roles to watch; may be empty (the trail and its tampering detector still exist). */
  connectionRoles: WatchedConnectionRole[];
  /** Days the log group keeps events: one of {@link ACCEPTED_RETENTION_DAYS}; only with the trail. @default 365 */
  logRetentionDays?: number;
  /** Lifecycle of the log files in S3: required with the trail, refused with `trailOwner`. */
  bucketLifecycle?: {
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
  /** Also create the CIS 4.1-4.14 metric filters and alarms; only with the trail (they watch the account). @default false */
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
  checkOwnership(check, args);
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

/** The trail's own settings with the trail, none of them without; a distinct prefix without. */
function checkOwnership(check: ArgsCheck, args: AuditTrailArgs): void {
  const { trailOwner, namePrefix } = args;
  if (namePrefix !== undefined && !TRAIL_NAME.test(namePrefix))
    check.bad("namePrefix", namePrefix, "must be 3-48 lowercase letters, digits or '-'");
  if (trailOwner === undefined) {
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!(ACCEPTED_RETENTION_DAYS as readonly number[]).includes(retention))
      check.bad("logRetentionDays", retention, `must be one of ${ACCEPTED_RETENTION_DAYS.join(", ")}`);
    if (args.bucketLifecycle === undefined)
      check.bad("bucketLifecycle", undefined, "is required when this component creates the trail (no trailOwner)");
    else checkLifecycle(check, args.bucketLifecycle);
    return;
  }
  const owned = "belongs to the stack that owns the trail (trailOwner); leave it out here";
  if (!STACK_NAME.test(trailOwner)) check.bad("trailOwner", trailOwner, "must be a stack name");
  if (args.logRetentionDays !== undefined) check.bad("logRetentionDays", args.logRetentionDays, owned);
  if (args.bucketLifecycle !== undefined) check.bad("bucketLifecycle", args.bucketLifecycle, owned);
  if (args.cisAlarms === true) check.bad("cisAlarms", true, `watch the whole account; ${owned}`);
  if (namePrefix === undefined || namePrefix === args.trailName)
    check.bad("namePrefix", namePrefix, "must be set, and differ from trailName, when the trail is another stack's");
}

/** Expiration at least a year; a Glacier transition, when set, at least 30 days and before expiration. */
function checkLifecycle(check: ArgsCheck, lc: NonNullable<AuditTrailArgs["bucketLifecycle"]>): void {
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
  let rolesSafe = true;
  args.connectionRoles.forEach((role, i) => {
    if (!ROLE_NAME.test(role.name)) check.bad(`connectionRoles[${i}].name`, role.name, "must be an IAM role name");
    if (seen.has(role.name))
      check.bad(`connectionRoles[${i}].name`, role.name, "is watched twice; list each connection role once");
    seen.add(role.name);
    const unsafe = role.allowedPrincipals.filter((p) => parseRoleArn(p) === undefined || UNSAFE_IN_PATTERN.test(p));
    unsafe.forEach((p) =>
      check.bad(`connectionRoles[${i}].allowedPrincipals`, p, 'each must be an IAM role ARN without *, " or \\'),
    );
    const pod = role.podIdentity;
    const podValues = [
      ...(pod?.clusterArns ?? []),
      ...(pod?.serviceAccounts ?? []).flatMap((s) => [s.namespace, s.name]),
    ];
    if (podValues.some((v) => UNSAFE_IN_PATTERN.test(v)))
      check.bad(`connectionRoles[${i}].podIdentity`, pod, 'must hold no *, ", \\ or whitespace');
    if (unsafe.length > 0 || !ROLE_NAME.test(role.name) || podValues.some((v) => UNSAFE_IN_PATTERN.test(v))) {
      rolesSafe = false;
      return;
    }
    const roleArn = roleArnAtRoot(args.accountId, role.name);
    const length = foreignAssumptionPattern(roleArn, role.allowedPrincipals, pod).length;
    if (length > FILTER_PATTERN_MAX) {
      check.bad(
        `connectionRoles[${i}].allowedPrincipals`,
        `${role.allowedPrincipals.length} principals`,
        `the foreign-assumption filter pattern would be ${length} characters; CloudWatch Logs accepts at most ${FILTER_PATTERN_MAX}`,
      );
    }
  });
  // The detectors can only be built from names that are valid and safe in a pattern.
  const names = [args.trailName, args.namePrefix ?? args.trailName];
  if (
    !rolesSafe ||
    !ACCOUNT_ID.test(args.accountId) ||
    !REGION.test(args.region) ||
    !names.every((n) => TRAIL_NAME.test(n))
  )
    return;
  const filters = auditDetectors(args).length;
  if (filters > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
    check.bad(
      "connectionRoles",
      `${args.connectionRoles.length} roles`,
      `needs ${filters} metric filters; CloudWatch Logs allows ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
    );
  }
}
