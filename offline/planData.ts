/**
 * The machine-readable plan: `plan.json` (resources with their options, findings with the rule, the fix and the
 * config key behind them) and `access.json` (the access model). Stable order, plain data, no secret. Pure.
 */
import { keyPath } from "../config/parse";
import { rules } from "../guardrails/rules";
import type { Finding, Severity } from "../guardrails/types";
import type { AccessModel } from "./access";
import type { Registration } from "./registrations";

export interface PlanFinding extends Finding {
  /** How to fix it: the rule's remediation. */
  fix: string;
  /** The config key the offending resource comes from (`atlas-access:aws.connections[0]`), when known. */
  configKey?: string;
}

export interface PlanJson {
  stack: string;
  environment: string;
  counts: {
    resources: number;
    users: number;
    principals: number;
    paths: number;
    findings: Record<Severity, number>;
  };
  resources: {
    type: string;
    name: string;
    parent: string | null;
    protect: boolean;
    retainOnDelete: boolean;
    /** `type:name` of each resource it waits for. */
    dependsOn: string[];
  }[];
  findings: PlanFinding[];
}

export interface AccessJson extends AccessModel {
  stack: string;
  environment: string;
  /** Which database belongs to which environment, as this stack's config says. */
  environmentDatabases: Record<string, string>;
}

/** Which config section a component of this program is declared from, when no value of it names the resource. */
const SECTION_OF_COMPONENT: Readonly<Record<string, string>> = {
  "atlas-access:aws:ConnectionRole": "aws.connections",
  "atlas-access:aws:AuditTrail": "audit",
  "atlas-access:atlas:ApplicationUsers": "appUsers",
  "atlas-access:atlas:StreamProcessing": "streams",
  "atlas-access:atlas:DatabaseAuditing": "databaseAuditing",
  "atlas-access:kubernetes:OperatorCredential": "operator.credential",
  "atlas-access:kubernetes:AtlasOperator": "operator",
  "atlas-access:kubernetes:Previews": "previews",
  "atlas-access:admission:Admission": "admission",
};

/** Every string leaf of `value` with its path. */
function leaves(value: unknown, at: (string | number)[] = []): [string, (string | number)[]][] {
  if (typeof value === "string") return [[value, at]];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [];
}

/**
 * The config key a resource comes from: the config entry holding one of its names (its username, role name, name,
 * secret id, or its parents' names), else its component's section.
 */
export function configKeyOf(
  r: Registration,
  registrations: readonly Registration[],
  config: Record<string, unknown>,
): string | undefined {
  const chain: Registration[] = [r];
  for (let cur = r; cur.parent !== null;) {
    const parent = registrations.find((x) => x.name === cur.parent && x.type === cur.parentType);
    if (!parent) break;
    chain.push(parent);
    cur = parent;
  }
  const metadata = r.inputs.metadata as { name?: unknown } | undefined;
  const names = [r.inputs.username, r.inputs.roleName, r.inputs.name, r.inputs.secretId, metadata?.name];
  const candidates = [...names, ...chain.map((c) => c.name)].filter((n): n is string => typeof n === "string");
  const index = leaves(config);
  for (const name of candidates) {
    const hit = index.find(([v]) => v === name);
    if (hit) return keyPath(hit[1].length > 1 ? hit[1].slice(0, -1) : hit[1]);
  }
  const top = chain[chain.length - 1];
  const section = top ? SECTION_OF_COMPONENT[top.type] : undefined;
  return section ? `atlas-access:${section}` : undefined;
}

export function planJson(options: {
  stack: string;
  environment: string;
  registrations: readonly Registration[];
  findings: readonly Finding[];
  model: AccessModel;
  config: Record<string, unknown>;
}): PlanJson {
  const { registrations, findings, model } = options;
  const remediation = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  const byLabel = new Map(registrations.map((r) => [`${r.type} ${r.name}`, r]));
  const severities: Severity[] = ["critical", "high", "medium", "low"];
  return {
    stack: options.stack,
    environment: options.environment,
    counts: {
      resources: registrations.length,
      users: model.users.length,
      principals: new Set(model.paths.map((p) => p.principal)).size,
      paths: model.paths.length,
      findings: Object.fromEntries(
        severities.map((s) => [s, findings.filter((f) => f.severity === s).length]),
      ) as Record<Severity, number>,
    },
    resources: registrations.map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependsOn: r.dependencies,
    })),
    findings: findings.map((f) => {
      const r = byLabel.get(f.resource);
      const configKey = r ? configKeyOf(r, registrations, options.config) : undefined;
      return { ...f, fix: remediation.get(f.ruleId) ?? "", ...(configKey ? { configKey } : {}) };
    }),
  };
}

export const accessJson = (options: {
  stack: string;
  environment: string;
  environmentDatabases: Record<string, string>;
  model: AccessModel;
}): AccessJson => ({
  stack: options.stack,
  environment: options.environment,
  environmentDatabases: options.environmentDatabases,
  users: options.model.users,
  paths: options.model.paths,
});

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
