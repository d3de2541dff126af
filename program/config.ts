/**
 * The whole program's configuration, assembled from each area's sections and rules, validated once before any
 * resource is registered (see `config/parse.ts` for the phases). Pure: `loadConfig.ts` reads the engine's values. Each top-level key is a Pulumi config key
 * `atlas-access:<key>` in `Pulumi.<stack>.yaml`.
 */
import type { z } from "zod";
import { admissionRules, admissionSections } from "../areas/admission/config";
import { admissionCrossStackRules } from "../areas/admission/ownership";
import { atlasSections } from "../areas/atlas/config";
import { atlasCrossStackRules } from "../areas/atlas/crossStack";
import { atlasRules } from "../areas/atlas/rules";
import { auditCrossStackRules, auditRules, auditSections } from "../areas/audit/config";
import { connectionCrossStackRules, connectionRules, connectionSections } from "../areas/connection/config";
import { capacityRules } from "../areas/operator/capacity";
import { operatorSections } from "../areas/operator/config";
import { operatorRules } from "../areas/operator/rules";
import { operatorCrossStackRules, operatorOwnershipRules } from "../areas/operator/ownership";
import { atlasSchema, coreCrossStackRules, environmentSchema } from "../config/core";
import { type ConfigModel, type ParseOptions, parseConfig } from "../config/parse";

/** Every top-level key, in the order problems are reported. */
const sections = {
  environment: environmentSchema,
  atlas: atlasSchema,
  ...connectionSections,
  ...auditSections,
  ...atlasSections,
  ...operatorSections,
  ...admissionSections,
};

/** The validated configuration of one stack. */
export type StackConfig = z.infer<z.ZodObject<typeof sections>>;

export const configModel: ConfigModel<StackConfig> = {
  sections,
  rules: [
    ...connectionRules,
    ...auditRules,
    ...atlasRules,
    ...operatorRules,
    ...operatorOwnershipRules,
    ...admissionRules,
  ],
  crossStackRules: [
    ...coreCrossStackRules,
    ...connectionCrossStackRules,
    ...auditCrossStackRules,
    ...atlasCrossStackRules,
    ...operatorCrossStackRules,
    ...capacityRules,
    ...admissionCrossStackRules,
  ],
};

/**
 * Validates raw config values (already decoded, keyed without the `atlas-access:` prefix). Pure, so tests exercise
 * each rule without running the program. Throws a `ConfigError` listing every problem.
 */
export function parseStackConfig(raw: Record<string, unknown>, options: ParseOptions = {}): StackConfig {
  return parseConfig(configModel, raw, options);
}
