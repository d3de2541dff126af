import type { Rule } from "../../types";
import { ATLAS_001 } from "./ATLAS-001";
import { ATLAS_002 } from "./ATLAS-002";
import { ATLAS_003 } from "./ATLAS-003";
import { ATLAS_004 } from "./ATLAS-004";
import { ATLAS_005 } from "./ATLAS-005";
import { ATLAS_006 } from "./ATLAS-006";

export { ATLAS_001, ATLAS_002, ATLAS_003, ATLAS_004, ATLAS_005, ATLAS_006 };
export const atlasRules: readonly Rule[] = [ATLAS_001, ATLAS_002, ATLAS_003, ATLAS_004, ATLAS_005, ATLAS_006];
