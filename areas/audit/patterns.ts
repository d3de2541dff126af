/**
 * The CloudWatch Logs filter patterns the audit trail's detectors use. Pure string builders (no Pulumi), so the
 * config check can measure a pattern before anything is registered and the tests can read the exact text.
 */
import { EKS_POD_IDENTITY_SERVICE, podIdentityTagIndex } from "../../domain/aws";

export { CIS_PATTERNS } from "./cis";

/** CloudWatch Logs rejects a `filterPattern` longer than this (PutMetricFilter, botocore `logs` shape FilterPattern). */
export const FILTER_PATTERN_MAX = 1024;
/** CloudWatch Logs allows at most this many metric filters on one log group (PutMetricFilter API reference). */
export const METRIC_FILTERS_PER_LOG_GROUP_MAX = 100;

/**
 * Retention values CloudWatch Logs accepts (PutRetentionPolicy) that keep at least a year (Security Hub CloudWatch.16).
 */
export const ACCEPTED_RETENTION_DAYS = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const ISSUER = "$.userIdentity.sessionContext.sessionIssuer.arn";

/**
 * Characters that change the meaning of a quoted value in a filter pattern: `*` is a wildcard, `"` ends the string,
 * `\` is not defined by the grammar. A value containing one cannot be compared exactly.
 */
export const UNSAFE_IN_PATTERN = /[*"\\\s]/;

function quoted(value: string): string {
  if (UNSAFE_IN_PATTERN.test(value)) {
    throw new Error(
      `cannot compare ${JSON.stringify(value)} exactly in a filter pattern: it contains *, ", \\ or whitespace`,
    );
  }
  return `"${value}"`;
}

/** `"<value>*"`: any value starting with `value` (the one place a wildcard is meant). */
const startsWith = (value: string): string => `${quoted(value).slice(0, -1)}*"`;

/** `($.a="x")||($.a="y")`, for an `||` of event names. */
function anyEventName(names: readonly string[]): string {
  return names.map((n) => `($.eventName=${quoted(n)})`).join("||");
}

/** `($.eventSource="<source>")&&(<any of names>)`. */
const calls = (source: string, names: readonly string[]): string =>
  `($.eventSource=${quoted(source)})&&(${anyEventName(names)})`;

/** `(($.field="a")||($.field="b"))`. */
const anyOf = (field: string, values: readonly string[]): string =>
  `(${values.map((v) => `(${field}=${quoted(v)})`).join("||")})`;

/** The Pod Identity service accounts a connection role trusts, in the clusters it trusts them in. */
export interface PodIdentitySessions {
  clusterArns: readonly string[];
  serviceAccounts: readonly { namespace: string; name: string }[];
}

const tag = (name: Parameters<typeof podIdentityTagIndex>[0]) =>
  `$.requestParameters.tags[${podIdentityTagIndex(name)}].value`;

/**
 * "Not a successful Pod Identity session of an allowed service account": EKS Pod Identity assumes the role as the
 * service `pods.eks.amazonaws.com` (`userIdentity.invokedBy`) and tags the session with the cluster, namespace and
 * service account at fixed positions of `requestParameters.tags` (`POD_IDENTITY_SESSION_TAGS`). Every `!=` has a
 * `NOT EXISTS` sibling, so the result never depends on how `!=` treats an absent field. A failed attempt (`errorCode`
 * set: the trust refused another namespace, service account or cluster) is never recognised. Should AWS reorder the
 * tags, allowed sessions alarm: loud, never silent.
 */
function notAllowedPodSession(pod: PodIdentitySessions): string {
  const invokedBy = "$.userIdentity.invokedBy";
  const cluster = tag("eks-cluster-arn");
  const namespace = tag("kubernetes-namespace");
  const account = tag("kubernetes-service-account");
  const otherCluster = pod.clusterArns.map((c) => `(${cluster}!=${quoted(c)})`).join("&&");
  const otherAccount = pod.serviceAccounts
    .map((sa) => `((${namespace}!=${quoted(sa.namespace)})||(${account}!=${quoted(sa.name)}))`)
    .join("&&");
  return (
    `((${invokedBy} NOT EXISTS)||(${invokedBy}!=${quoted(EKS_POD_IDENTITY_SERVICE)})||($.errorCode="*")` +
    `||(${cluster} NOT EXISTS)||(${namespace} NOT EXISTS)||(${account} NOT EXISTS)` +
    `||(${otherCluster})||(${otherAccount}))`
  );
}

/**
 * Someone other than the allowed principals assumed (or tried to assume) the connection role `roleArn`.
 * - `AssumeRole*` covers AssumeRole, AssumeRoleWithSAML and AssumeRoleWithWebIdentity (not AssumeRoot).
 * - A caller without `sessionIssuer.arn` (IAM user, root, cross-account caller, web identity, an AWS service) is
 *   foreign unless it is a successful Pod Identity session of an allowed service account: the `NOT EXISTS` branch
 *   decides it, so the result never depends on how `!=` treats an absent field.
 * - Failed attempts (`errorCode` set) are not excluded, so they count too.
 * - With no allowed principal and no Pod Identity every assumption is foreign.
 */
export function foreignAssumptionPattern(
  roleArn: string,
  allowedPrincipals: readonly string[],
  pod?: PodIdentitySessions,
): string {
  const head = `($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn=${quoted(roleArn)})`;
  const notAllowed = allowedPrincipals.map((p) => `(${ISSUER}!=${quoted(p)})`).join("&&");
  const notRole = allowedPrincipals.length > 0 ? `&&((${ISSUER} NOT EXISTS)||(${notAllowed}))` : "";
  const podAllowed = pod !== undefined && pod.clusterArns.length > 0 && pod.serviceAccounts.length > 0;
  return `{${head}${notRole}${podAllowed ? `&&${notAllowedPodSession(pod)}` : ""}}`;
}

/** IAM calls that change who may assume a role, what it may do, or whether it exists. CIS 4.4 misses most of them. */
export const ROLE_TAMPERING_EVENTS = [
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
] as const;

/** Any change to the role named `roleName` (its trust, its policies, its boundary, its existence). */
export function roleTamperingPattern(roleName: string): string {
  return `{${calls("iam.amazonaws.com", ROLE_TAMPERING_EVENTS)}&&($.requestParameters.roleName=${quoted(roleName)})}`;
}

/**
 * The IAM calls by which someone else could act as an allowed workload role: rewrite its trust, delete and re-create
 * it under the same name (the re-created role is not trusted until the connection role's trust is re-applied), or
 * give it new permissions.
 */
export const WORKLOAD_ROLE_EVENTS = [
  "UpdateAssumeRolePolicy",
  "DeleteRole",
  "CreateRole",
  "AttachRolePolicy",
  "PutRolePolicy",
] as const;

/**
 * One pattern per group of workload role names, each at most {@link FILTER_PATTERN_MAX} characters: a pure `||` of
 * role names, so splitting it over several filters watches exactly the same events. Names are taken in order.
 */
export function workloadRolePatterns(roleNames: readonly string[]): string[] {
  const build = (names: readonly string[]) =>
    `{${calls("iam.amazonaws.com", WORKLOAD_ROLE_EVENTS)}&&${anyOf("$.requestParameters.roleName", names)}}`;
  const groups: string[][] = [];
  for (const name of roleNames) {
    const last = groups[groups.length - 1];
    if (last !== undefined && build([...last, name]).length <= FILTER_PATTERN_MAX) last.push(name);
    else groups.push([name]);
  }
  return groups.map(build);
}

/** CloudTrail calls that create, change, stop or narrow a trail (CIS 4.5 plus PutEventSelectors). */
export const TRAIL_TAMPERING_EVENTS = [
  "CreateTrail",
  "UpdateTrail",
  "DeleteTrail",
  "StartLogging",
  "StopLogging",
  "PutEventSelectors",
] as const;

/** Any trail being created, changed, started, stopped or narrowed in the account. */
export function trailTamperingPattern(): string {
  return `{${calls("cloudtrail.amazonaws.com", TRAIL_TAMPERING_EVENTS)}}`;
}

/**
 * KMS calls that take an audit key away from its purpose: a new key policy, a grant (use outside the key policy),
 * disabling it, scheduling its deletion, stopping its rotation.
 */
export const KEY_TAMPERING_EVENTS = [
  "PutKeyPolicy",
  "CreateGrant",
  "DisableKey",
  "ScheduleKeyDeletion",
  "DisableKeyRotation",
] as const;

/** A KMS key as CloudTrail records it in `requestParameters.keyId`: known only once the key exists. */
export interface KeyIds {
  keyId: string;
  keyArn: string;
}

/**
 * Any of {@link KEY_TAMPERING_EVENTS} on one of `keys`. `requestParameters.keyId` holds what the caller passed: these
 * calls take the key id or the key ARN, never an alias, so both are compared.
 */
export function keyTamperingPattern(keys: readonly KeyIds[]): string {
  const ids = keys.flatMap((k) => [k.keyId, k.keyArn]);
  return `{${calls("kms.amazonaws.com", KEY_TAMPERING_EVENTS)}&&${anyOf("$.requestParameters.keyId", ids)}}`;
}

/** CloudWatch Logs calls that delete, shorten, re-key or empty the trail's log group. */
export const LOG_GROUP_TAMPERING_EVENTS = [
  "DeleteLogGroup",
  "PutRetentionPolicy",
  "DeleteRetentionPolicy",
  "AssociateKmsKey",
  "DisassociateKmsKey",
  "DeleteLogStream",
] as const;

/**
 * The delivery pipeline: any change to the role CloudTrail writes with (its trust, its policy, its existence), or to
 * the log group the detectors read. A deleted log group cannot record its own deletion: the heartbeat alarm is what
 * reports that.
 */
export function pipelineTamperingPattern(deliveryRoleName: string, logGroupName: string): string {
  const role = `${calls("iam.amazonaws.com", ROLE_TAMPERING_EVENTS)}&&($.requestParameters.roleName=${quoted(deliveryRoleName)})`;
  const group = `${calls("logs.amazonaws.com", LOG_GROUP_TAMPERING_EVENTS)}&&($.requestParameters.logGroupName=${quoted(logGroupName)})`;
  return `{(${role})||(${group})}`;
}

/** Calls that silence this stack's detectors: their filters, their alarms, their topic and its subscriptions. */
export const DETECTOR_TAMPERING_EVENTS = {
  filters: ["DeleteMetricFilter", "PutMetricFilter"],
  /** These take a list of alarm names, which a filter pattern cannot search: any call in the account matches. */
  anyAlarms: ["DeleteAlarms", "DisableAlarmActions"],
  alarm: ["PutMetricAlarm"],
  topic: ["DeleteTopic", "SetTopicAttributes", "RemovePermission"],
  subscription: ["Unsubscribe", "SetSubscriptionAttributes"],
} as const;

/**
 * Self-protection: this stack's metric filters (`<prefix>-…`) changed or deleted, any alarm deleted or its actions
 * disabled, this stack's alarms (`<prefix>-…`) rewritten, the topic deleted or its policy changed, or one of its
 * subscriptions removed or changed.
 */
export function detectorTamperingPattern(prefix: string, topicArn: string): string {
  const e = DETECTOR_TAMPERING_EVENTS;
  return (
    `{(${calls("logs.amazonaws.com", e.filters)}&&($.requestParameters.filterName=${startsWith(`${prefix}-`)}))` +
    `||(${calls("monitoring.amazonaws.com", e.anyAlarms)})` +
    `||(${calls("monitoring.amazonaws.com", e.alarm)}&&($.requestParameters.alarmName=${startsWith(`${prefix}-`)}))` +
    `||(${calls("sns.amazonaws.com", e.topic)}&&($.requestParameters.topicArn=${quoted(topicArn)}))` +
    `||(${calls("sns.amazonaws.com", e.subscription)}&&($.requestParameters.subscriptionArn=${startsWith(`${topicArn}:`)}))}`
  );
}
