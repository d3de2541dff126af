/**
 * Runs `verify-live`'s command line, in process, against a local Admin API serving one fixture project: what it
 * printed, its exit code, and every request the server answered (each answer validated against the specification).
 */
import { type CliDependencies, main } from "../cli";
import type { StackDeclaration } from "../declared";
import type { Finding } from "../finding";
import { NOW } from "../fixtures/project";
import { type FakeAtlas, type FakeAtlasOptions, type FakeProject, startFakeAtlas } from "./fakeAtlas";

export interface VerifyRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The clock of the run. @default NOW */
  now?: number;
  /** Point the GitHub client at the local server too (the open pull requests, the findings issue). @default false */
  github?: boolean;
  /** Faults the server serves first (see {@link FakeAtlasOptions}). @default {} */
  faults?: FakeAtlasOptions["faults"];
}

export class VerifyLiveRunner {
  /** Everything any run printed, to prove no secret is in it. */
  readonly printed: string[] = [];
  private current: FakeAtlas | undefined;

  constructor(
    private readonly options: {
      credentials: { clientId: string; clientSecret: string };
      /** What the repository declares, as `declareStacks` returns it. */
      declare: () => Promise<StackDeclaration[]>;
      /** Arguments every run starts with, after `--stack staging`. */
      args: string[];
    },
  ) {}

  /** The server of the latest run. */
  get server(): FakeAtlas | undefined {
    return this.current;
  }

  async run(project: FakeProject, args: string[] = [], options: RunOptions = {}): Promise<VerifyRun> {
    await this.current?.close();
    const { clientId, clientSecret } = this.options.credentials;
    const server = await startFakeAtlas(project, { clientId, clientSecret, faults: options.faults ?? {} });
    this.current = server;
    let stdout = "";
    let stderr = "";
    const deps: CliDependencies = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      now: options.now ?? NOW,
      retry: { sleep: async () => undefined },
      declare: this.options.declare,
    };
    const env = {
      MONGODB_ATLAS_CLIENT_ID: clientId,
      MONGODB_ATLAS_CLIENT_SECRET: clientSecret,
      MONGODB_ATLAS_BASE_URL: server.baseUrl,
      ...(options.github
        ? { GITHUB_TOKEN: "ghs_test-token", GITHUB_REPOSITORY: "example/atlas-access", GITHUB_API_URL: server.baseUrl }
        : {}),
    };
    const code = await main(["--stack", "staging", ...this.options.args, ...args], env, deps);
    this.printed.push(stdout, stderr);
    return { code, stdout, stderr };
  }

  /** The findings of a `--json` run, with its exit code. */
  async findings(project: FakeProject, args: string[] = [], options: RunOptions = {}) {
    const { code, stdout } = await this.run(project, ["--json", ...args], options);
    return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings };
  }

  async close(): Promise<void> {
    await this.current?.close();
  }
}
