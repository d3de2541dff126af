import type { Rule } from "../../types";
import { K8S_001 } from "./K8S-001";
import { K8S_002 } from "./K8S-002";
import { K8S_003 } from "./K8S-003";

export { K8S_001, K8S_002, K8S_003 };
export const kubernetesRules: readonly Rule[] = [K8S_001, K8S_002, K8S_003];
