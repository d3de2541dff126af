export {
  AuditTrail,
  AUDIT_TRAIL_TYPE,
  DETECTOR_NAMESPACE,
  auditTrailArgProblems,
  connectionRoleQuery,
} from "./auditTrail";
export type { AuditTrailArgs, WatchedConnectionRole } from "./auditTrail";
export * from "./patterns";
