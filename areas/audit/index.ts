export {
  AuditTrail,
  AUDIT_TRAIL_TYPE,
  DETECTOR_NAMESPACE,
  auditTrailArgProblems,
  connectionRoleQuery,
} from "./AuditTrail";
export type { AuditTrailArgs, WatchedConnectionRole } from "./AuditTrail";
export * from "./patterns";
