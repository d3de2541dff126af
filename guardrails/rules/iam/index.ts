import type { Rule } from "../../types";
import { IAM_001 } from "./IAM-001";
import { IAM_002 } from "./IAM-002";
import { IAM_003 } from "./IAM-003";
import { IAM_004 } from "./IAM-004";

export { IAM_001, IAM_002, IAM_003, IAM_004 };
export const iamRules: readonly Rule[] = [IAM_001, IAM_002, IAM_003, IAM_004];
