/**
 * What the program registered, as the offline engine records it, and the secret envelope of the mock monitor: how a
 * secret input is recognised, redacted for anything printed or written, or unwrapped for the guardrails.
 */

/** The mock's marker for a secret value: `{ [SECRET_SIG]: SECRET_SIG_VALUE, value }`. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** One resource as the program registered it. */
export interface Registration {
  /** Pulumi type token, e.g. `aws:iam/role:Role`. */
  type: string;
  name: string;
  /** The parent's name, or null for a resource parented to the stack. */
  parent: string | null;
  /** The parent's type token, or null. */
  parentType: string | null;
  custom: boolean;
  /** Inputs as the engine received them; secret values keep the mock's secret envelope (see {@link isSecret}). */
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  /** Names of the resources it waits for: `dependsOn`, and the resources whose outputs its inputs use. */
  dependsOn: string[];
  /** The same resources as `type:name` (a name is unique only within its type). */
  dependencies: string[];
}

/** A registration as the engine records a plain resource, with `fields` set: for tests and fixtures. */
export const registration = (fields: Pick<Registration, "type" | "name"> & Partial<Registration>): Registration => ({
  parent: null,
  parentType: null,
  custom: true,
  inputs: {},
  protect: false,
  retainOnDelete: false,
  dependsOn: [],
  dependencies: [],
  ...fields,
});

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG] === SECRET_SIG_VALUE
  );
}

/** Replaces every secret envelope by `replacement(value)`. */
export function mapSecrets(value: unknown, replacement: (secret: unknown) => unknown): unknown {
  if (isSecret(value)) return replacement(value.value);
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, replacement));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSecrets(v, replacement)]));
  }
  return value;
}

/** Inputs with secrets unwrapped to their plain values: what a policy pack sees. Never write these to disk. */
export const unwrapSecrets = (value: unknown): unknown => mapSecrets(value, (v) => unwrapSecrets(v));
/** Inputs with every secret replaced by `"[secret]"`: safe to print or write. */
export const redactSecrets = (value: unknown): unknown => mapSecrets(value, () => "[secret]");
