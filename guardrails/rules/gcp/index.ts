import type { Rule } from "../../types";
import { GCP_001 } from "./GCP-001";
import { GCP_002 } from "./GCP-002";
import { GCP_003 } from "./GCP-003";

export { GCP_001, GCP_002, GCP_003 };
export const gcpRules: readonly Rule[] = [GCP_001, GCP_002, GCP_003];
