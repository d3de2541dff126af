export {
  ConnectionRole,
  CONNECTION_ROLE_TYPE,
  MAX_SESSION_DURATION_SECONDS,
  connectionStringTemplate,
  summaryLines,
} from "./ConnectionRole";
export { type ConnectionRoleArgs, validateConnectionRoleArgs, ALLOWED_DATABASE_ROLES } from "./args";
export { buildTrustPolicy, EKS_POD_IDENTITY_SERVICE, type TrustPolicy } from "./trustPolicy";
export { roleArnAtRoot, principalProblem, parseRoleArn } from "./principals";
