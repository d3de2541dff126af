export { AuditTrail, AUDIT_TRAIL_TYPE } from "./AuditTrail";
export { checkAuditTrailArgs } from "./args";
export type { AuditTrailArgs, WatchedConnectionRole } from "./args";
export { CIS_NAMESPACE, DETECTOR_NAMESPACE, auditDetectors } from "./detectors";
export type { Detector, TrailKeyIds } from "./detectors";
export { connectionRoleQuery } from "./documents";
export { auditNames } from "./names";
export * from "./patterns";
