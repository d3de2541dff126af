import type { Rule } from "../types";
import { atlasRules } from "./atlas";
import { auditRules } from "./audit";
import { gcpRules } from "./gcp";
import { iamRules } from "./iam";
import { kubernetesRules } from "./kubernetes";

/** Every rule, grouped by area, in id order within an area. Each area keeps one rule per file next to its test. */
export const rules: readonly Rule[] = [...iamRules, ...atlasRules, ...gcpRules, ...kubernetesRules, ...auditRules];
