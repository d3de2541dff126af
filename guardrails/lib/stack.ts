/** Relations between resources that several rules need: which roles are connection roles, what refers to what. */
import { roleNameOfArn } from "../../domain/aws";
import type { ResourceView } from "../types";
import { isRecord, str, strings } from "./values";

export const T = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  databaseUser: "mongodbatlas:index/databaseUser:DatabaseUser",
  customDbRole: "mongodbatlas:index/customDbRole:CustomDbRole",
  logMetricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** The name AWS knows a role by: its `name` input, else the Pulumi name (what the offline mocks use too). */
export const physicalName = (r: ResourceView): string => str(r.inputs.name) ?? r.name;

/**
 * Whether an input that names a role (`role`, `roleName`, `roles[]`) designates `role`: its name, its ARN, or the
 * Role object itself (the offline harness sees a resource reference: `{__pulumiType, __name}`).
 */
export function refersToRole(value: unknown, role: ResourceView): boolean {
  const name = physicalName(role);
  if (typeof value === "string") return value === name || roleNameOfArn(value) === name;
  if (isRecord(value)) return value.__pulumiType === role.type && value.__name === role.name;
  return false;
}

/**
 * Connection roles: the IAM roles an Atlas database user authenticates as (`awsIamType: "ROLE"`, username = the
 * role ARN). Matched by role name, the last segment of the ARN.
 */
export function connectionRoles(resources: readonly ResourceView[]): ResourceView[] {
  const names = new Set(
    resources
      .filter((r) => r.type === T.databaseUser && r.inputs.awsIamType === "ROLE")
      .map((r) => roleNameOfArn(str(r.inputs.username) ?? ""))
      .filter((n): n is string => n !== undefined),
  );
  return resources.filter((r) => r.type === T.role && names.has(physicalName(r)));
}

/** The MetricAlarms with alarm actions that watch `filter`'s metric (same metric name and namespace). */
export function alarmsOf(filter: ResourceView, alarms: readonly ResourceView[]): ResourceView[] {
  const mt = filter.inputs.metricTransformation;
  if (!isRecord(mt)) return [];
  return alarms.filter(
    (a) =>
      a.inputs.metricName === mt.name &&
      a.inputs.namespace === mt.namespace &&
      strings(a.inputs.alarmActions).length > 0,
  );
}
