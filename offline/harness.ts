/**
 * The one way to run the program offline: the real `index.ts` under `pulumi.runtime.setMocks`, fed a stack's real
 * `Pulumi.<stack>.yaml` the way the CLI would feed it. `npm run plan` and the tests both use it.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../domain/project";
import { CONFIG_DIR_VARIABLE } from "../program/loadConfig";
import type { StackOutputs } from "../program/program";
import { mockCall, mockState } from "./mocks";
import type { Registration } from "./registrations";
import { encodeConfigValue } from "../config/stackFiles";
import { PROJECT_ROOT, readStackConfig } from "./stackFiles";

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
  for (const [k, v] of Object.entries(fileConfig.project)) allConfig[`${PROJECT}:${k}`] = encodeConfigValue(v);
  const secretKeys = [...fileConfig.secretKeys].map((k) => `${PROJECT}:${k}`);
  pulumi.runtime.setAllConfig(allConfig, secretKeys);
  // The program reads its peers (the other stack files) from the folder this stack was read from.
  const configDirBefore = process.env[CONFIG_DIR_VARIABLE];
  process.env[CONFIG_DIR_VARIABLE] = options.configDir ?? PROJECT_ROOT;

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
  // Parents and dependencies repeat (hundreds of previews share a parent): each URN is parsed once per run.
  const parts = new Map<string, { type: string; name: string }>();
  const partsOf = (urn: string) => {
    let p = parts.get(urn);
    if (!p) parts.set(urn, (p = { type: typeOfUrn(urn), name: nameOfUrn(urn) }));
    return p;
  };
  monitor.registerResource = (req, cb) => {
    const parentUrn = req.getParent();
    if (req.getType() !== "pulumi:pulumi:Stack") {
      const parent = parentUrn ? partsOf(parentUrn) : undefined;
      const ofStack = !parent || parent.type === "pulumi:pulumi:Stack";
      const dependencies = req.getDependenciesList().map(partsOf);
      pending = {
        type: req.getType(),
        name: req.getName(),
        parent: ofStack ? null : parent.name,
        parentType: ofStack ? null : parent.type,
        custom: req.getCustom(),
        inputs: {},
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        dependsOn: dependencies.map((d) => d.name),
        dependencies: dependencies.map((d) => `${d.type}:${d.name}`),
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
  // The SDK also reads a full stack trace per resource (its source position, unused under mocks); the TypeScript
  // loader's source-map formatter would map every frame of it. Plain V8 frames during the run; restored after.
  const prepareStackTrace = Error.prepareStackTrace;
  if (process.env.ATLAS_ACCESS_STACK_TRACES !== "1") {
    Error.stackTraceLimit = 0;
    Reflect.deleteProperty(Error, "prepareStackTrace");
  }
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
  if (prepareStackTrace) Error.prepareStackTrace = prepareStackTrace;
  if (configDirBefore === undefined) Reflect.deleteProperty(process.env, CONFIG_DIR_VARIABLE);
  else process.env[CONFIG_DIR_VARIABLE] = configDirBefore;
  if (failure) {
    if (failure.error instanceof Error) Object.assign(failure.error, { [REGISTERED_BEFORE]: registrations });
    throw failure.error;
  }
  return { stack: options.stack, registrations, outputs, secretKeys: [...fileConfig.secretKeys].sort() };
}
