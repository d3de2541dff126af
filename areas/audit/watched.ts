/**
 * What the audit watches, as its config rules and the component both see it: the connection roles with their allowed
 * principals and Pod Identity service accounts, and how many metric filters that makes. Pure.
 */
import { parseRoleArn } from "../../domain/aws";
import type { AwsConfig } from "../connection/config";
import type { AuditTrailArgs } from "./args";
import type { AuditConfig } from "./config";
import { auditDetectors } from "./detectors";
import { UNSAFE_IN_PATTERN } from "./patterns";

/** The connection roles the audit watches, as the component and the detectors take them. */
export const watchedRoles = (aws: AwsConfig): AuditTrailArgs["connectionRoles"] =>
  aws.connections.map((c) => ({ name: c.name, allowedPrincipals: c.allowedPrincipals, podIdentity: c.eksPodIdentity }));

/** A principal CloudTrail's `sessionIssuer.arn` can be compared with exactly inside a quoted filter-pattern value. */
export const comparableInPattern = (principal: string): boolean =>
  parseRoleArn(principal) !== undefined && !UNSAFE_IN_PATTERN.test(principal);

/**
 * How many metric filters this stack's detectors put on the trail's log group, or undefined while a principal cannot
 * be compared in a pattern (the IAM connection rules report it).
 */
export function metricFilters(aws: AwsConfig, audit: AuditConfig): number | undefined {
  const roles = watchedRoles(aws);
  if (!roles.every((r) => r.allowedPrincipals.every(comparableInPattern))) return undefined;
  return auditDetectors({ ...aws, ...audit, connectionRoles: roles }).length;
}
