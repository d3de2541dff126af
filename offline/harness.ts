/**
 * The one way to run the program offline: the real `index.ts` under `pulumi.runtime.setMocks`, fed a stack's real
 * `Pulumi.<stack>.yaml` the way the CLI would feed it. `npm run plan` and the tests both use it.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import type { StackOutputs } from "../program/program";
import { PROJECT } from "../domain/project";
import { mockCall, mockState } from "./mocks";

/** The mock's marker for a secret value: `{ [SECRET_SIG]: SECRET_SIG_VALUE, value }`. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

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
  /** Names of explicit `dependsOn` resources. */
  dependsOn: string[];
}

export interface RunOptions {
  /** Stack name: reads `Pulumi.<stack>.yaml` from the project root. */
  stack: string;
  /**
   * Changes the stack's config before the run, keyed without the `atlas-access:` prefix, values already decoded
   * (objects, arrays, strings). Used by tests to feed a bad or larger config through the real program.
   */
  mutateConfig?: (config: Record<string, unknown>) => void;
  /** Folder holding `Pulumi.<stack>.yaml`. @default the repository root */
  configDir?: string;
  /** Folder holding the program's `index.ts`. @default the repository root */
  programDir?: string;
}

export interface RunResult {
  stack: string;
  registrations: Registration[];
  outputs: StackOutputs;
  /** Top-level config keys that were secret (`secure:` in the YAML). */
  secretKeys: string[];
}

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Stack names that have a `Pulumi.<stack>.yaml`. */
export function listStacks(root = PROJECT_ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export interface StackFileConfig {
  /** `atlas-access:*` values, decoded, keyed without the prefix. */
  project: Record<string, unknown>;
  /** Other namespaces (`aws:region`, `gcp:project`), as the CLI passes them. */
  providers: Record<string, string>;
  /** Keys (without prefix) holding a `secure:` value anywhere inside. */
  secretKeys: Set<string>;
}

/** A `secure:` value cannot be decrypted offline: it becomes this placeholder, still marked secret. */
export const SECURE_PLACEHOLDER = "offline-secret-placeholder";

function replaceSecure(value: unknown, found: { secure: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceSecure(v, found));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === "secure") {
      found.secure = true;
      return SECURE_PLACEHOLDER;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, replaceSecure(v, found)]));
  }
  return value;
}

export function readStackConfig(stack: string, root = PROJECT_ROOT): StackFileConfig {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = listStacks(root);
    throw new Error(`no stack "${stack}": ${file} does not exist; stacks here: ${known.join(", ") || "none"}`);
  }
  const doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const out: StackFileConfig = { project: {}, providers: {}, secretKeys: new Set() };
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    const found = { secure: false };
    const plain = replaceSecure(value, found);
    if (key.startsWith(`${PROJECT}:`)) {
      const short = key.slice(PROJECT.length + 1);
      out.project[short] = plain;
      if (found.secure) out.secretKeys.add(short);
    } else {
      out.providers[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
    }
  }
  return out;
}

/** The CLI passes scalars as text and structured values as JSON text. */
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

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

const nameOfUrn = (urn: string) => urn.split("::").pop() ?? urn;
function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

interface MockRegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDependenciesList(): string[];
}
interface MonitorWithRegister {
  registerResource(req: MockRegisterRequest, cb: (...args: unknown[]) => void): Promise<void>;
}

const REGISTERED_BEFORE = Symbol("registeredBefore");

/** What the program had registered when it threw `error` (empty when it failed before declaring anything). */
export function registeredBefore(error: unknown): Registration[] | undefined {
  return error instanceof Error
    ? (error as Error & { [REGISTERED_BEFORE]?: Registration[] })[REGISTERED_BEFORE]
    : undefined;
}

/** Runs the real program for one stack under mocks and returns every registration and the stack outputs. */
export async function runStack(options: RunOptions): Promise<RunResult> {
  const fileConfig = readStackConfig(options.stack, options.configDir ?? PROJECT_ROOT);
  options.mutateConfig?.(fileConfig.project);

  const accountId = (fileConfig.project.aws as { accountId?: string } | undefined)?.accountId ?? "111122223333";
  const region =
    (fileConfig.project.aws as { region?: string } | undefined)?.region ??
    fileConfig.providers["aws:region"] ??
    "eu-west-1";

  const allConfig: Record<string, string> = { ...fileConfig.providers };
  for (const [k, v] of Object.entries(fileConfig.project)) allConfig[`${PROJECT}:${k}`] = encode(v);
  const secretKeys = [...fileConfig.secretKeys].map((k) => `${PROJECT}:${k}`);
  pulumi.runtime.setAllConfig(allConfig, secretKeys);

  const registrations: Registration[] = [];
  // The mock monitor deserializes each registration's inputs once and hands them to newResource, synchronously,
  // inside the registerResource call wrapped below: `pending` is the registration that call is recording.
  let pending: Registration | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (pending) pending.inputs = args.inputs as Record<string, unknown>;
        pending = undefined;
        return { id: `${args.name}-id`, state: mockState(args, { accountId, region }) };
      },
      call: (args) => mockCall(args),
    },
    PROJECT,
    options.stack,
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorWithRegister;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const parentUrn = req.getParent();
    if (req.getType() !== "pulumi:pulumi:Stack") {
      pending = {
        type: req.getType(),
        name: req.getName(),
        parent: parentUrn && typeOfUrn(parentUrn) !== "pulumi:pulumi:Stack" ? nameOfUrn(parentUrn) : null,
        parentType: parentUrn && typeOfUrn(parentUrn) !== "pulumi:pulumi:Stack" ? typeOfUrn(parentUrn) : null,
        custom: req.getCustom(),
        inputs: {},
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        dependsOn: req.getDependenciesList().map(nameOfUrn),
      };
      registrations.push(pending);
    }
    const registered = register(req, cb);
    if (pending)
      throw new Error(`the mock monitor did not pass the inputs of ${req.getType()} ${req.getName()} synchronously`);
    return registered;
  };

  // The same module index.ts exports to the engine; `require` keeps it compatible with both CommonJS and jest.
  const entry = require(path.join(options.programDir ?? PROJECT_ROOT, "index")) as () => Promise<StackOutputs>; // eslint-disable-line @typescript-eslint/no-require-imports
  // An error thrown inside the stack's init escapes as an unhandled rejection, so catch it here and rethrow it
  // once the run has settled, carrying what was registered before it (see registeredBefore).
  let failure: { error: unknown } | undefined;
  // The SDK records a stack trace for every internal promise (only read by its leak debugger) at the default depth;
  // at thousands of resources that is most of the run. Resources' own source positions are unaffected (the SDK
  // raises the limit itself for those). Errors thrown by the program then carry no stack: set
  // ATLAS_ACCESS_STACK_TRACES=1 to keep them while debugging. Restored before anything is thrown to the caller.
  const stackTraceLimit = Error.stackTraceLimit;
  if (process.env.ATLAS_ACCESS_STACK_TRACES !== "1") Error.stackTraceLimit = 0;
  const outputs = (await pulumi.runtime.runInPulumiStack(async () => {
    try {
      return await entry();
    } catch (error) {
      failure = { error };
      return {};
    }
  })) as StackOutputs;
  await pulumi.runtime.awaitStackRegistrations();
  // Drain every outstanding RPC (the stack's own outputs) so that the next run's mock monitor starts clean.
  await pulumi.runtime.disconnect();
  Error.stackTraceLimit = stackTraceLimit;
  if (failure) {
    if (failure.error instanceof Error) Object.assign(failure.error, { [REGISTERED_BEFORE]: registrations });
    throw failure.error;
  }
  return { stack: options.stack, registrations, outputs, secretKeys: [...fileConfig.secretKeys].sort() };
}
