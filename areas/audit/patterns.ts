/**
 * The CloudWatch Logs filter patterns the audit trail's detectors use. Pure string builders (no Pulumi), so the
 * config check can measure a pattern before anything is registered and the tests can read the exact text.
 */

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

/** `($.a="x")||($.a="y")`, for an `||` of event names. */
function anyEventName(names: readonly string[]): string {
  return names.map((n) => `($.eventName=${quoted(n)})`).join("||");
}

/**
 * Someone other than the allowed principals assumed (or tried to assume) the connection role `roleArn`.
 * - `AssumeRole*` covers AssumeRole, AssumeRoleWithSAML and AssumeRoleWithWebIdentity (not AssumeRoot).
 * - A caller without `sessionIssuer.arn` (IAM user, root, cross-account caller, web identity) is foreign: the
 *   `NOT EXISTS` branch decides it, so the result never depends on how `!=` treats an absent field.
 * - Failed attempts (`errorCode` set) are not excluded, so they count too.
 * - With no allowed principal every assumption is foreign.
 */
export function foreignAssumptionPattern(roleArn: string, allowedPrincipals: readonly string[]): string {
  const head = `($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn=${quoted(roleArn)})`;
  if (allowedPrincipals.length === 0) return `{${head}}`;
  const notAllowed = allowedPrincipals.map((p) => `(${ISSUER}!=${quoted(p)})`).join("&&");
  return `{${head}&&((${ISSUER} NOT EXISTS)||(${notAllowed}))}`;
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

/** Any change to the connection role named `roleName` (its trust, its policies, its boundary, its existence). */
export function roleTamperingPattern(roleName: string): string {
  return `{($.eventSource="iam.amazonaws.com")&&(${anyEventName(ROLE_TAMPERING_EVENTS)})&&($.requestParameters.roleName=${quoted(roleName)})}`;
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
/** KMS calls that make the trail's key unusable (CIS 4.7, scoped here to the trail's key). */
export const KEY_TAMPERING_EVENTS = ["DisableKey", "ScheduleKeyDeletion"] as const;

/**
 * Any trail being created, changed, started or stopped in the account, or the trail's own KMS key being disabled
 * or scheduled for deletion. `requestParameters.keyId` holds what the caller passed: the key id or the key ARN
 * (these two calls do not accept aliases), so both are compared.
 */
export function trailTamperingPattern(trailKeyId: string, trailKeyArn: string): string {
  const trail = `($.eventSource="cloudtrail.amazonaws.com")&&(${anyEventName(TRAIL_TAMPERING_EVENTS)})`;
  const key =
    `($.eventSource="kms.amazonaws.com")&&(${anyEventName(KEY_TAMPERING_EVENTS)})` +
    `&&(($.requestParameters.keyId=${quoted(trailKeyId)})||($.requestParameters.keyId=${quoted(trailKeyArn)}))`;
  return `{(${trail})||(${key})}`;
}

/**
 * The CIS AWS Foundations metric filters, verbatim as Security Hub prints them (CloudWatch.1-14; Security Hub fails a
 * control when the pattern differs in any way). CIS 4.15 (Organizations changes) is left out: it is not one of those
 * controls, and this repository has no verbatim copy of its pattern to compare with.
 */
export const CIS_PATTERNS: readonly { id: string; control: string; metric: string; pattern: string }[] = [
  {
    id: "4.1",
    control: "CloudWatch.2",
    metric: "UnauthorizedAPICalls",
    pattern: `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`,
  },
  {
    id: "4.2",
    control: "CloudWatch.3",
    metric: "ConsoleSignInWithoutMfa",
    pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
  },
  {
    id: "4.3",
    control: "CloudWatch.1",
    metric: "RootAccountUsage",
    pattern: `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
  },
  {
    id: "4.4",
    control: "CloudWatch.4",
    metric: "IAMPolicyChanges",
    pattern:
      "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}",
  },
  {
    id: "4.5",
    control: "CloudWatch.5",
    metric: "CloudTrailConfigChanges",
    pattern:
      "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  },
  {
    id: "4.6",
    control: "CloudWatch.6",
    metric: "ConsoleAuthenticationFailures",
    pattern: `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
  },
  {
    id: "4.7",
    control: "CloudWatch.7",
    metric: "DisableOrDeleteCMK",
    pattern: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  },
  {
    id: "4.8",
    control: "CloudWatch.8",
    metric: "S3BucketPolicyChanges",
    pattern:
      "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}",
  },
  {
    id: "4.9",
    control: "CloudWatch.9",
    metric: "AWSConfigChanges",
    pattern:
      "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
  },
  {
    id: "4.10",
    control: "CloudWatch.10",
    metric: "SecurityGroupChanges",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  },
  {
    id: "4.11",
    control: "CloudWatch.11",
    metric: "NACLChanges",
    pattern:
      "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
  },
  {
    id: "4.12",
    control: "CloudWatch.12",
    metric: "NetworkGatewayChanges",
    pattern:
      "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
  },
  {
    id: "4.13",
    control: "CloudWatch.13",
    metric: "RouteTableChanges",
    pattern:
      "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
  },
  {
    id: "4.14",
    control: "CloudWatch.14",
    metric: "VPCChanges",
    pattern:
      "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}",
  },
];

/** How many metric filters the audit trail puts on its log group. */
export function metricFilterCount(connections: number, cisAlarms: boolean): number {
  return 2 * connections + 1 + (cisAlarms ? CIS_PATTERNS.length : 0);
}
