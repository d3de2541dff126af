/**
 * Offline evaluation of a Kyverno `ValidatingPolicy` against one admission request, on `@bufbuild/cel` with its
 * strings extension, following Kyverno's order (kyverno `pkg/cel/policies/vpol/compiler/policy.go`):
 *   1. matchConstraints: resourceRules by group / version / resource / operation (excludeResourceRules likewise);
 *   2. matchConditions: any false → not matched; otherwise any error → error (failurePolicy Ignore → not matched);
 *   3. variables (evaluated in order; a failing variable is left unbound so only expressions that use it fail);
 *   4. validations in order: the first false fails with its messageExpression (or message); an error is an error,
 *      never a pass; a non-boolean result is an error.
 * Unsupported features (namespaceSelector, objectSelector, exceptions, auditAnnotations) throw instead of being
 * silently ignored.
 */
import { isCelError, parse, plan, celEnv } from "@bufbuild/cel";
import type { CelInput } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { coordinates, requestBindings, ruleMatches } from "./admissionRequest";
import type { AdmissionRequest, ResourceRule } from "./admissionRequest";

export type { AdmissionRequest, Operation, ResourceRule, UserInfo } from "./admissionRequest";
export { guessResource } from "./admissionRequest";

/** The subset of a ValidatingPolicy the harness understands (anything else present throws). */
export interface PolicyDocument {
  metadata: { name: string };
  spec: {
    validationActions?: string[];
    failurePolicy?: string;
    matchConstraints?: {
      resourceRules?: ResourceRule[];
      excludeResourceRules?: ResourceRule[];
      namespaceSelector?: unknown;
      objectSelector?: unknown;
    };
    matchConditions?: { name: string; expression: string }[];
    variables?: { name: string; expression: string }[];
    validations?: { expression: string; message?: string; messageExpression?: string }[];
    [key: string]: unknown;
  };
}

export type PolicyOutcome =
  | { result: "not-matched"; reason: string }
  | { result: "pass" }
  /** `index` of the first false validation; `enforced` when validationActions contains Deny. */
  | { result: "fail"; index: number; message: string; enforced: boolean }
  | { result: "error"; stage: string; message: string };

const env = celEnv({ funcs: strings });

/** Parses and plans once per expression text. Throws on a syntax error (a policy bug, not a request outcome). */
const programs = new Map<string, ReturnType<typeof plan>>();
export function compile(expression: string): ReturnType<typeof plan> {
  let program = programs.get(expression);
  if (!program) {
    program = plan(env, parse(expression));
    programs.set(expression, program);
  }
  return program;
}

/** JSON numbers that are integral become CEL ints (Kubernetes unstructured integers are int64). */
function toCel(value: unknown): CelInput {
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)])) as unknown as CelInput;
  }
  return value as CelInput;
}

type Eval = { ok: true; value: unknown } | { ok: false; message: string };

function run(expression: string, bindings: Record<string, CelInput>): Eval {
  let program: ReturnType<typeof plan>;
  try {
    program = compile(expression);
  } catch (err) {
    return { ok: false, message: `compile error: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const value = program(bindings as never);
    if (isCelError(value)) return { ok: false, message: value.message };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

const resourceName = (c: { resource: string; subResource: string }) =>
  c.subResource ? `${c.resource}/${c.subResource}` : c.resource;

const UNSUPPORTED_SPEC = ["auditAnnotations", "matchConstraints.namespaceSelector", "matchConstraints.objectSelector"];

export function evaluatePolicy(policy: PolicyDocument, req: AdmissionRequest): PolicyOutcome {
  const spec = policy.spec;
  const mc = spec.matchConstraints ?? {};
  for (const key of UNSUPPORTED_SPEC) {
    const [a, b] = key.split(".") as [string, string | undefined];
    const v = b ? (spec[a] as Record<string, unknown> | undefined)?.[b] : spec[a];
    const empty = v === undefined || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
    if (!empty) throw new Error(`policy ${policy.metadata.name}: spec.${key} is not supported by the offline harness`);
  }
  const c = coordinates(req);
  if (!(mc.resourceRules ?? []).some((r) => ruleMatches(r, c, req.operation))) {
    return {
      result: "not-matched",
      reason: `no resourceRule matches ${c.group}/${c.version} ${resourceName(c)} ${req.operation}`,
    };
  }
  if ((mc.excludeResourceRules ?? []).some((r) => ruleMatches(r, c, req.operation))) {
    return { result: "not-matched", reason: `excluded: ${c.group}/${c.version} ${resourceName(c)} ${req.operation}` };
  }

  const bindings = Object.fromEntries(Object.entries(requestBindings(req, c)).map(([k, v]) => [k, toCel(v)])) as Record<
    string,
    CelInput
  >;
  const ignore = spec.failurePolicy === "Ignore";

  const conditionErrors: string[] = [];
  for (const cond of spec.matchConditions ?? []) {
    const r = run(cond.expression, bindings);
    if (r.ok && r.value === false) return { result: "not-matched", reason: `matchCondition ${cond.name} is false` };
    if (!r.ok) conditionErrors.push(`matchCondition ${cond.name}: ${r.message}`);
    else if (r.value !== true)
      conditionErrors.push(`matchCondition ${cond.name}: returned ${String(r.value)}, not a boolean`);
  }
  if (conditionErrors.length > 0) {
    if (ignore)
      return {
        result: "not-matched",
        reason: `matchConditions errored, failurePolicy Ignore: ${conditionErrors.join("; ")}`,
      };
    return { result: "error", stage: "matchConditions", message: conditionErrors.join("; ") };
  }

  const variables: Record<string, CelInput> = {};
  const variableErrors: string[] = [];
  for (const v of spec.variables ?? []) {
    const r = run(v.expression, { ...bindings, variables: variables as unknown as CelInput });
    if (r.ok) variables[v.name] = r.value as CelInput;
    else variableErrors.push(`variables.${v.name}: ${r.message}`);
  }
  const withVariables = { ...bindings, variables: variables as unknown as CelInput };

  const validations = spec.validations ?? [];
  for (let i = 0; i < validations.length; i++) {
    const validation = validations[i] as { expression: string; message?: string; messageExpression?: string };
    const r = run(validation.expression, withVariables);
    if (!r.ok) {
      const cause = variableErrors.length > 0 ? ` (unbound ${variableErrors.join("; ")})` : "";
      return { result: "error", stage: `validations[${i}]`, message: `${r.message}${cause}` };
    }
    if (r.value === true) continue;
    if (r.value !== false)
      return { result: "error", stage: `validations[${i}]`, message: `returned ${String(r.value)}, not a boolean` };
    let message = validation.message || `CEL expression validation failed at index ${i}`;
    if (validation.messageExpression) {
      const m = run(validation.messageExpression, withVariables);
      if (m.ok && typeof m.value === "string" && m.value.trim() !== "") message = m.value;
    }
    return { result: "fail", index: i, message, enforced: (spec.validationActions ?? []).includes("Deny") };
  }
  return { result: "pass" };
}

export interface AdmissionDecision {
  allowed: boolean;
  /** Per policy name, its outcome. */
  outcomes: Record<string, PolicyOutcome>;
}

export interface AdmitOptions {
  /**
   * Kyverno's `config.excludeGroups`: a request from a member of one of these groups is admitted without evaluating
   * any policy (kyverno/kyverno v1.19.0 `pkg/webhooks/handlers/filter.go`). Kubernetes' own admission has no such
   * filter. @default []
   */
  excludeGroups?: readonly string[];
}

/** Applies every policy; the request is refused when any policy fails with Deny or errors with failurePolicy Fail. */
export function admit(
  policies: readonly PolicyDocument[],
  req: AdmissionRequest,
  options: AdmitOptions = {},
): AdmissionDecision {
  const excluded = (req.userInfo?.groups ?? []).find((g) => (options.excludeGroups ?? []).includes(g));
  if (excluded !== undefined) {
    const reason = `filtered: group ${excluded} is in Kyverno's excludeGroups`;
    const outcomes = Object.fromEntries(
      policies.map((p) => [p.metadata.name, { result: "not-matched", reason } as const]),
    );
    return { allowed: true, outcomes };
  }
  const outcomes: Record<string, PolicyOutcome> = {};
  let allowed = true;
  for (const p of policies) {
    const o = evaluatePolicy(p, req);
    outcomes[p.metadata.name] = o;
    if (o.result === "fail" && o.enforced) allowed = false;
    if (o.result === "error" && p.spec.failurePolicy !== "Ignore") allowed = false;
  }
  return { allowed, outcomes };
}
