import type { Rule } from "../../types";
import { AUDIT_001 } from "./AUDIT-001";
import { AUDIT_002 } from "./AUDIT-002";

export { AUDIT_001, AUDIT_002 };
export const auditRules: readonly Rule[] = [AUDIT_001, AUDIT_002];
