/**
 * What the audit trail watches: one detector per metric filter and alarm. Pure data; how a detector becomes a metric
 * filter and an alarm (statistic, period, threshold, actions) is `alarms.ts`.
 */
import { roleArnAtRoot } from "../../domain/aws";
import type { AuditTrailArgs } from "./args";
import {
  CIS_PATTERNS,
  ROLE_TAMPERING_EVENTS,
  TRAIL_TAMPERING_EVENTS,
  foreignAssumptionPattern,
  roleTamperingPattern,
  trailTamperingPattern,
} from "./patterns";

/** Namespace of this component's own detectors (the CIS set uses `CISBenchmark`, as CIS prescribes). */
export const DETECTOR_NAMESPACE = "AtlasAccess/Audit";
/** Namespace of the CIS AWS Foundations metrics. */
export const CIS_NAMESPACE = "CISBenchmark";

/** The trail key as CloudTrail records it in `requestParameters.keyId`: known only once the key exists. */
export interface TrailKeyIds {
  keyId: string;
  keyArn: string;
}

/** One metric filter + alarm. */
export interface Detector {
  /** Suffix of the filter's and alarm's resource names and CloudWatch names (`<trailName>-<key>`). */
  key: string;
  /** The alarm description. */
  description: string;
  namespace: string;
  metric: string;
  /** The filter pattern; a detector that names the trail key gives it as a function of the key's id and ARN. */
  pattern: string | ((trailKey: TrailKeyIds) => string);
}

/**
 * The detectors for `args`, in the order they are registered: for each connection role a foreign-assumption and a
 * role-change detector, then trail tampering, then (with `cisAlarms`) CIS 4.1-4.14.
 */
export function auditDetectors(
  args: Pick<AuditTrailArgs, "accountId" | "trailName" | "connectionRoles" | "cisAlarms">,
): Detector[] {
  const detectors: Detector[] = [];
  for (const role of args.connectionRoles) {
    const roleArn = roleArnAtRoot(args.accountId, role.name);
    detectors.push({
      key: `foreign-assume-${role.name}`,
      description:
        `Someone other than ${role.allowedPrincipals.join(", ") || "nobody (no principal is allowed)"} assumed or tried to assume ${roleArn} ` +
        "(IAM users, root, cross-account callers and failed attempts included).",
      namespace: DETECTOR_NAMESPACE,
      metric: `ForeignAssumeRole-${role.name}`,
      pattern: foreignAssumptionPattern(roleArn, role.allowedPrincipals),
    });
    detectors.push({
      key: `role-change-${role.name}`,
      description: `The connection role ${role.name} was changed: ${ROLE_TAMPERING_EVENTS.join(", ")}.`,
      namespace: DETECTOR_NAMESPACE,
      metric: `ConnectionRoleChange-${role.name}`,
      pattern: roleTamperingPattern(role.name),
    });
  }
  detectors.push({
    key: "trail-tampering",
    description: `A trail was changed (${TRAIL_TAMPERING_EVENTS.join(", ")}) or the key of trail ${args.trailName} was disabled or scheduled for deletion.`,
    namespace: DETECTOR_NAMESPACE,
    metric: "TrailTampering",
    pattern: ({ keyId, keyArn }) => trailTamperingPattern(keyId, keyArn),
  });
  if (args.cisAlarms ?? false) {
    for (const cis of CIS_PATTERNS) {
      detectors.push({
        key: `cis-${cis.id.replace(".", "-")}`,
        description: `CIS AWS Foundations ${cis.id} (Security Hub ${cis.control}): ${cis.metric}.`,
        namespace: CIS_NAMESPACE,
        metric: cis.metric,
        pattern: cis.pattern,
      });
    }
  }
  return detectors;
}

/** The filter pattern of `detector` for a known trail key. */
export function detectorPattern(detector: Detector, trailKey: TrailKeyIds): string {
  return typeof detector.pattern === "string" ? detector.pattern : detector.pattern(trailKey);
}
