import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PROJECT, strictObject } from "../config/schema";
import { atlasSchema } from "../config/atlas";
import { awsSchema, checkAws } from "../areas/connection/config";
import { auditSchema, checkAudit } from "../areas/audit/config";
import { atlasAccessSections, checkAtlasAccess } from "../areas/atlas/config";
import { kubernetesSections, checkKubernetes } from "../areas/operator/config";
import { admissionSchema, checkAdmission } from "../areas/admission/config";

export { PROJECT } from "../config/schema";

/**
 * The whole program's configuration: one schema, validated once, before any resource is registered.
 * Each top-level key is a Pulumi config key `atlas-access:<key>` in `Pulumi.<stack>.yaml`.
 */
export const configSchema = strictObject({
  /** Which long-lived environment this stack is: it decides which database its users may reach. */
  environment: z.enum(["prod", "staging"], { error: "must be one of: prod, staging" }),
  atlas: atlasSchema,
  aws: awsSchema.optional(),
  audit: auditSchema.optional(),
  ...atlasAccessSections,
  ...kubernetesSections,
  admission: admissionSchema.optional(),
}).superRefine((cfg, ctx) => {
  const add = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path, input, message });
  checkAws(cfg, add);
  checkAudit(cfg, add);
  checkAtlasAccess(cfg, add);
  checkKubernetes(cfg, add);
  checkAdmission(cfg, add);
});

export type StackConfig = z.infer<typeof configSchema>;
/** Reports a cross-section problem at `path` (relative to `atlas-access:`). */
export type AddIssue = (path: PropertyKey[], input: unknown, message: string) => void;

/** Thrown when the stack configuration is invalid; `problems` holds one line per problem, all at once. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was registered:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** `["aws","connections",0,"allowedPrincipals",1]` → `atlas-access:aws.connections[0].allowedPrincipals[1]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = `${PROJECT}:`;
  path.forEach((seg, i) => {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (i === 0 ? "" : ".") + String(seg);
  });
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue, secretKeys: ReadonlySet<string>): string[] {
  const secret = typeof issue.path[0] === "string" && secretKeys.has(issue.path[0]);
  const value = secret ? "[secret]" : show(issue.input);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => `${keyPath([...issue.path, k])}: ${issue.message}`);
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [`${keyPath(issue.path)}: required but missing; expected ${issue.expected}`];
  }
  if (issue.code === "invalid_type") {
    return [`${keyPath(issue.path)}: got ${value}; expected ${issue.expected}`];
  }
  return [`${keyPath(issue.path)}: got ${value}; ${issue.message}`];
}

/**
 * Validates raw config values (already JSON-decoded, keyed without the `atlas-access:` prefix).
 * Pure, so tests exercise each rule without running the program. Throws {@link ConfigError} listing every problem.
 */
export function parseStackConfig(
  raw: Record<string, unknown>,
  secretKeys: ReadonlySet<string> = new Set(),
): StackConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, secretKeys));
  throw new ConfigError([...new Set(problems)]);
}

/** The validated config and which of its top-level keys the engine marked secret. */
export interface LoadedConfig {
  config: StackConfig;
  /** Top-level keys (without `atlas-access:`) whose values are secret: wrap them with `pulumi.secret` where used. */
  secretKeys: ReadonlySet<string>;
}

// `isConfigSecret` is exported by the runtime's config module but marked @internal, so it is not in the typings.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean }; // eslint-disable-line @typescript-eslint/no-require-imports

/** Reads every `atlas-access:*` key the Pulumi engine passed and validates it. */
export function loadConfig(): LoadedConfig {
  const raw: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    raw[key] = decode(text);
    if (runtimeConfig.isConfigSecret(fullKey)) secretKeys.add(key);
  }
  return { config: parseStackConfig(raw, secretKeys), secretKeys };
}

/** The engine passes structured values as JSON text and scalars as plain text. */
function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
