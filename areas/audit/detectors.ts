/**
 * What the audit trail watches: one detector per metric filter and alarm. Pure data; how a detector becomes a metric
 * filter and alarms (statistic, period, threshold, actions, the liveness alarm) is `alarmRules.ts` and `alarms.ts`.
 */
import { parseRoleArn, roleArnAtRoot } from "../../domain/aws";
import type { AuditTrailArgs } from "./args";
import { CIS_PATTERNS } from "./cis";
import { auditNames } from "./names";
import {
  DETECTOR_TAMPERING_EVENTS,
  KEY_TAMPERING_EVENTS,
  type KeyIds,
  LOG_GROUP_TAMPERING_EVENTS,
  ROLE_TAMPERING_EVENTS,
  TRAIL_TAMPERING_EVENTS,
  WORKLOAD_ROLE_EVENTS,
  detectorTamperingPattern,
  foreignAssumptionPattern,
  keyTamperingPattern,
  pipelineTamperingPattern,
  roleTamperingPattern,
  trailTamperingPattern,
  workloadRolePatterns,
} from "./patterns";

/** Namespace of this component's own detectors (the CIS set uses `CISBenchmark`, as CIS prescribes). */
export const DETECTOR_NAMESPACE = "AtlasAccess/Audit";
/** Namespace of the CIS AWS Foundations metrics. */
export const CIS_NAMESPACE = "CISBenchmark";

/** The audit keys as CloudTrail records them: known only once the keys exist. The trail key only with the trail. */
export interface AuditKeyIds {
  trail?: KeyIds;
  topic: KeyIds;
}

/** One metric filter + alarm. */
export interface Detector {
  /** Suffix of the filter's and alarm's resource names and CloudWatch names (`<prefix>-<key>`). */
  key: string;
  /** The alarm description. */
  description: string;
  namespace: string;
  metric: string;
  /** The filter pattern; a detector that names the audit keys gives it as a function of their ids and ARNs. */
  pattern: string | ((keys: AuditKeyIds) => string);
  /**
   * Silence is blindness: the filter emits 0 for every other event and a liveness alarm fires when its metric has
   * no data for an hour (the filter was deleted, or events stopped arriving).
   */
  liveness?: boolean;
}

/** The role names of every same-account principal the watched connection roles trust, once each, in order. */
export function workloadRoleNames(args: Pick<AuditTrailArgs, "accountId" | "connectionRoles">): string[] {
  const names = args.connectionRoles
    .flatMap((r) => r.allowedPrincipals)
    .map((p) => parseRoleArn(p))
    .filter((r) => r !== undefined && r.accountId === args.accountId)
    .map((r) => r?.name as string);
  return [...new Set(names)];
}

/**
 * The detectors for `args`, in the order they are registered: for each connection role a foreign-assumption and a
 * role-change detector; the workload roles' trust, deletion and creation; then the account-wide and self-protection
 * detectors (trail, audit keys, delivery pipeline with the trail only, this stack's detectors and topic); then (with
 * `cisAlarms`, only with the trail) CIS 4.1-4.14.
 */
export function auditDetectors(
  args: Pick<
    AuditTrailArgs,
    "accountId" | "region" | "trailName" | "trailOwner" | "namePrefix" | "connectionRoles" | "cisAlarms"
  >,
): Detector[] {
  const names = auditNames(args);
  const own = (metric: string) => `${metric}-${names.prefix}`;
  const ownsTrail = args.trailOwner === undefined;
  const detectors: Detector[] = [];
  for (const role of args.connectionRoles) {
    const roleArn = roleArnAtRoot(args.accountId, role.name);
    const pods = (role.podIdentity?.serviceAccounts ?? []).map((s) => `${s.namespace}/${s.name}`);
    const allowed = [...role.allowedPrincipals, ...pods.map((p) => `Pod Identity ${p}`)];
    detectors.push({
      key: `foreign-assume-${role.name}`,
      description:
        `Someone other than ${allowed.join(", ") || "nobody (no principal is allowed)"} assumed or tried to assume ${roleArn} ` +
        "(IAM users, root, cross-account callers and failed attempts included).",
      namespace: DETECTOR_NAMESPACE,
      metric: `ForeignAssumeRole-${role.name}`,
      pattern: foreignAssumptionPattern(roleArn, role.allowedPrincipals, role.podIdentity),
    });
    detectors.push({
      key: `role-change-${role.name}`,
      description: `The connection role ${role.name} was changed: ${ROLE_TAMPERING_EVENTS.join(", ")}.`,
      namespace: DETECTOR_NAMESPACE,
      metric: `ConnectionRoleChange-${role.name}`,
      pattern: roleTamperingPattern(role.name),
    });
  }
  const workloads = workloadRoleNames(args);
  workloadRolePatterns(workloads).forEach((pattern, i) => {
    detectors.push({
      key: `workload-role-change-${i + 1}`,
      description:
        `A workload role trusted by a connection role was changed (${WORKLOAD_ROLE_EVENTS.join(", ")}); watched: ${workloads.join(", ")}. ` +
        "A re-created workload role is not trusted until the connection role's trust is re-applied: investigate before anyone does.",
      namespace: DETECTOR_NAMESPACE,
      metric: own(`WorkloadRoleChange-${i + 1}`),
      pattern,
    });
  });
  detectors.push({
    key: "trail-tampering",
    description: `A trail of the account was changed: ${TRAIL_TAMPERING_EVENTS.join(", ")}.`,
    namespace: DETECTOR_NAMESPACE,
    metric: own("TrailTampering"),
    pattern: trailTamperingPattern(),
  });
  detectors.push({
    key: "key-tampering",
    description: `An audit key (${ownsTrail ? `trail ${args.trailName}'s key and ` : ""}topic ${names.topicName}'s key) was changed: ${KEY_TAMPERING_EVENTS.join(", ")}.`,
    namespace: DETECTOR_NAMESPACE,
    metric: own("AuditKeyTampering"),
    pattern: (keys) => keyTamperingPattern(keys.trail !== undefined ? [keys.trail, keys.topic] : [keys.topic]),
  });
  if (ownsTrail) {
    detectors.push({
      key: "pipeline-tampering",
      description:
        `The delivery of trail ${args.trailName} to CloudWatch Logs was changed: its role ${names.deliveryRoleName} ` +
        `(${ROLE_TAMPERING_EVENTS.join(", ")}) or its log group ${names.logGroupName} (${LOG_GROUP_TAMPERING_EVENTS.join(", ")}).`,
      namespace: DETECTOR_NAMESPACE,
      metric: own("PipelineTampering"),
      pattern: pipelineTamperingPattern(names.deliveryRoleName, names.logGroupName),
    });
  }
  const e = DETECTOR_TAMPERING_EVENTS;
  detectors.push({
    key: "detector-tampering",
    description:
      `This stack's detectors or their topic were changed: ${e.filters.join(", ")} or ${e.alarm.join(", ")} on ${names.prefix}-*, ` +
      `any ${e.anyAlarms.join(" or ")}, ${e.topic.join(", ")} on ${names.topicName}, ${e.subscription.join(", ")} of its subscriptions.`,
    namespace: DETECTOR_NAMESPACE,
    metric: own("DetectorTampering"),
    pattern: detectorTamperingPattern(names.prefix, names.topicArn),
    liveness: true,
  });
  if (ownsTrail && (args.cisAlarms ?? false)) {
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

/** The filter pattern of `detector` for known audit keys. */
export function detectorPattern(detector: Detector, keys: AuditKeyIds): string {
  return typeof detector.pattern === "string" ? detector.pattern : detector.pattern(keys);
}

/** A KMS key id is a UUID: 36 characters, the length the real patterns have (the offline mocks use shorter ids). */
const UUID_LENGTH_ID = "00000000-0000-0000-0000-000000000000";

/** Key ids and ARNs of the real length in `region` and `accountId`, to measure a key detector's pattern in advance. */
export function keyIdsOfRealLength(region: string, accountId: string): AuditKeyIds {
  const key = { keyId: UUID_LENGTH_ID, keyArn: `arn:aws:kms:${region}:${accountId}:key/${UUID_LENGTH_ID}` };
  return { trail: key, topic: key };
}
