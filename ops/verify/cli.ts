/**
 * `npm run verify-live -- --stack <name>`: compares the live Atlas project with what every stack of the repository
 * declares. Exit 0 clean, 1 on a finding at or above `--fail-on`, 2 on a usage, config or API error (the HTTP status
 * and Atlas error code, never a stack trace). Nothing secret is printed or written.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { isParseArgsError, usageProblem } from "../../offline/cliUsage";
import { ConfigError } from "../../config/parse";
import { runStack } from "../../offline/harness";
import { PROJECT_ROOT, listStacks, readStackConfig } from "../../offline/stackFiles";
import { checkApiKeys } from "./checks/apiKeys";
import { checkLogins } from "./checks/logins";
import { checkAccessList, checkCustomRoles } from "./checks/project";
import { checkPasswordRotations, checkServiceAccounts } from "./checks/credentials";
import { checkUsers } from "./checks/users";
import { DEFAULT_BASE_URL, createAtlasClient } from "./client";
import { type StackDeclaration, declaredOf } from "./declared";
import { type CheckContext, DAY_MS, SEVERITIES, type Severity, sortFindings } from "./finding";
import { DEFAULT_GITHUB_API_URL, openPullRequests } from "./github";
import { AtlasApiError, DEFAULT_RETRY, type RetryPolicy } from "./http";
import { readLiveProject } from "./live";
import { type Verification, failing, jsonReport, markdownReport, textReport } from "./report";

export const USAGE = `Usage: npm run verify-live -- --stack <name> [options]

Compares the live Atlas project of <name> (read-only, Atlas Admin API v2) with what every stack of this repository
declares, and reports unexpected users, drift, orphaned previews, broad custom roles, open access lists, service
accounts beyond their roles, programmatic API keys on the project or with organization roles beyond read, expiring
or overdue credentials, failed and unexpected logins.

Options:
  --stack <name>                 the stack whose Atlas project and clusters are read (required)
  --json                         print the findings as JSON instead of the readable report
  --markdown <file>              also append a Markdown report to <file> (e.g. "$GITHUB_STEP_SUMMARY")
  --fail-on <severity>           exit 1 on a finding at or above: low, medium, high, critical (default high)
  --since <duration>             authentication history to read, e.g. 24h or 7d (default 24h)
  --expiry-warning-days <n>      report secrets expiring within n days (default 14)
  --failed-login-threshold <n>   report n or more failed logins of one user from one address (default 10)
  --open-pull-requests <n,...>   the open pull requests (default: GitHub's list when GITHUB_TOKEN and
                                 GITHUB_REPOSITORY are set, else the stack config's previews)
  --known-credentials <id,...>   service-account client ids or API-key public keys of credentials this program does
                                 not create but which may reach the project (the deploy and verification credentials)
  --help                         print this help

Environment: MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (a service account with Organization Read Only,
or Project Read Only plus Project Monitoring Admin for the access history; the project's API-key list needs Project
Owner and is read from the organization's list when Atlas refuses it), MONGODB_ATLAS_BASE_URL (default
${DEFAULT_BASE_URL}), GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (default ${DEFAULT_GITHUB_API_URL}).

Exit code: 0 clean, 1 on a finding at or above --fail-on, 2 on a usage, config or API error.
`;

export interface CliDependencies {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** @default Date.now() */
  now?: number;
  /** Folder of the `Pulumi.<stack>.yaml` files. @default the repository root */
  configDir?: string;
  retry?: Partial<RetryPolicy>;
  /** What every stack declares. @default {@link declareStacks} (runs the program offline for each stack) */
  declare?: (configDir: string) => Promise<StackDeclaration[]>;
}

/** Runs the real program offline for every stack of `configDir`, one after the other. */
export async function declareStacks(configDir: string): Promise<StackDeclaration[]> {
  const declarations: StackDeclaration[] = [];
  for (const stack of listStacks(configDir)) {
    const run = await runStack({ stack, configDir });
    declarations.push({ stack, registrations: run.registrations, config: readStackConfig(stack, configDir).project });
  }
  return declarations;
}

class UsageError extends Error {}

const list = (text: string | undefined, what: string, pattern: RegExp): string[] => {
  if (text === undefined || text.trim() === "") return [];
  const items = text.split(",").map((s) => s.trim());
  const bad = items.find((i) => !pattern.test(i));
  if (bad !== undefined) throw new UsageError(`${what}: got ${JSON.stringify(bad)}; expected a comma-separated list`);
  return items;
};
const whole = (text: string | undefined, fallback: number, what: string): number => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`${what}: got ${JSON.stringify(text)}; expected a whole number`);
  return Number(text);
};
function durationMs(text: string): number {
  const m = /^(\d+)([hd])$/.exec(text);
  if (!m) throw new UsageError(`--since: got ${JSON.stringify(text)}; expected hours or days such as 24h or 7d`);
  return Number(m[1]) * (m[2] === "h" ? 3_600_000 : DAY_MS);
}

const OPTIONS = {
  stack: { type: "string" },
  json: { type: "boolean", default: false },
  markdown: { type: "string" },
  "fail-on": { type: "string", default: "high" },
  since: { type: "string", default: "24h" },
  "expiry-warning-days": { type: "string" },
  "failed-login-threshold": { type: "string" },
  "open-pull-requests": { type: "string" },
  "known-credentials": { type: "string" },
  help: { type: "boolean", default: false },
} as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv, deps: CliDependencies): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.help) {
      deps.stdout(USAGE);
      return 0;
    }
    const configDir = deps.configDir ?? PROJECT_ROOT;
    const stacks = listStacks(configDir);
    if (!values.stack) throw new UsageError(`--stack is required; stacks here: ${stacks.join(", ")}`);
    if (!stacks.includes(values.stack))
      throw new UsageError(`--stack: got ${JSON.stringify(values.stack)}; stacks here: ${stacks.join(", ")}`);
    const failOn = values["fail-on"] as Severity;
    if (!SEVERITIES.includes(failOn))
      throw new UsageError(`--fail-on: got ${JSON.stringify(failOn)}; expected one of ${SEVERITIES.join(", ")}`);
    const since = durationMs(values.since);
    const clientId = env.MONGODB_ATLAS_CLIENT_ID;
    const clientSecret = env.MONGODB_ATLAS_CLIENT_SECRET;
    if (!clientId || !clientSecret)
      throw new UsageError(
        "MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET must name a read-only Atlas service account",
      );
    const now = deps.now ?? Date.now();
    const policy: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };

    // What every stack declares: the project is shared, so a user of any stack is expected.
    const declared = declaredOf(await (deps.declare ?? declareStacks)(configDir));
    const target = readStackConfig(values.stack, configDir).project.atlas as {
      orgId: string;
      projectId: string;
      clusters: string[];
    };

    let open: Verification["openPullRequests"];
    if (values["open-pull-requests"] !== undefined) {
      const numbers = list(values["open-pull-requests"], "--open-pull-requests", /^[1-9]\d*$/).map(Number);
      open = { source: "--open-pull-requests", numbers };
    } else if (env.GITHUB_TOKEN && env.GITHUB_REPOSITORY) {
      const numbers = await openPullRequests(env.GITHUB_REPOSITORY, env.GITHUB_TOKEN, policy, env.GITHUB_API_URL);
      open = { source: `GitHub ${env.GITHUB_REPOSITORY}`, numbers };
    } else {
      open = { source: "stack config previews.pullRequests", numbers: declared.previews?.pullRequests ?? [] };
    }

    const client = createAtlasClient({
      baseUrl: env.MONGODB_ATLAS_BASE_URL || DEFAULT_BASE_URL,
      credentials: { clientId, clientSecret },
      retry: policy,
    });
    const live = await readLiveProject(client, {
      orgId: target.orgId,
      projectId: target.projectId,
      clusters: target.clusters,
      window: { start: now - since, end: now },
    });
    const ctx: CheckContext = {
      now,
      openPullRequests: new Set(open.numbers),
      expiryWarningDays: whole(values["expiry-warning-days"], 14, "--expiry-warning-days"),
      failedLoginThreshold: whole(values["failed-login-threshold"], 10, "--failed-login-threshold"),
      knownCredentials: new Set(list(values["known-credentials"], "--known-credentials", /^\S+$/)),
    };
    const sinceText = new Date(now - since).toISOString();
    const projectKeys = live.projectApiKeys;
    const findings = sortFindings([
      ...checkUsers(declared, live.users, ctx),
      ...checkCustomRoles(declared, live.customRoles),
      ...checkAccessList(declared, live.accessList),
      ...checkServiceAccounts(declared, live.orgServiceAccounts, live.projectServiceAccounts, ctx),
      ...checkApiKeys(live.orgApiKeys, "keys" in projectKeys ? projectKeys.keys : [], target, ctx),
      ...checkPasswordRotations(declared, ctx),
      ...checkLogins(declared, live.accessLogs, ctx, sinceText),
    ]);
    const attempts = live.accessLogs.reduce((n, c) => n + c.logs.length, 0);
    const verification: Verification = {
      stack: values.stack,
      orgId: target.orgId,
      projectId: target.projectId,
      checkedAt: new Date(now).toISOString(),
      failOn,
      read: [
        `${live.users.length} database users`,
        `${live.customRoles.length} custom roles`,
        `${live.accessList.length} access-list entries`,
        `${live.projectServiceAccounts.length} project service accounts`,
        `${live.orgServiceAccounts.length} organization service accounts`,
        `${live.orgApiKeys.length} organization API keys`,
        "keys" in projectKeys
          ? `${projectKeys.keys.length} project API keys`
          : `no project API keys (listProjectApiKeys refused: HTTP ${projectKeys.refused.status} ${projectKeys.refused.errorCode}; their project roles read from the organization's keys)`,
        `${attempts} authentication attempts on ${live.accessLogs.length} cluster(s) since ${sinceText}`,
      ],
      openPullRequests: open,
      findings,
    };
    deps.stdout(values.json ? jsonReport(verification) : textReport(verification));
    if (values.markdown) fs.appendFileSync(values.markdown, markdownReport(verification));
    return failing(verification).length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      const problem = err instanceof UsageError ? err.message : usageProblem(err, Object.keys(OPTIONS));
      deps.stderr(`verify-live: ${problem}\n${USAGE}`);
    } else if (err instanceof AtlasApiError || err instanceof ConfigError) {
      deps.stderr(`verify-live: ${err.message}\n`);
    } else {
      deps.stderr(`verify-live: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 2;
  }
}
