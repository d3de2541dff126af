/**
 * The CIS AWS Foundations metric filters, verbatim as Security Hub prints them. Pure data, used by the detectors (only
 * in the stack that owns the account's trail) and compared character for character with the documented patterns in
 * `offline/simulators/filterPattern.test.ts`.
 */

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
