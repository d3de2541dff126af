/**
 * `npm run previews -- <command>` (entry point `scripts/previews.ts`): the reconcile, the policy preview and the
 * stuck-namespace check, as {@link USAGE} describes them. Findings also go to $GITHUB_STEP_SUMMARY.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { isParseArgsError, usageProblem } from "../../offline/cliUsage";
import { previewsSchema } from "../../areas/operator/config";
import { readStackFile } from "../../config/stackFiles";
import { type PullRequestSummary, listOpenPullRequests, selectPreviews } from "./github";
import type { AutomationDriver } from "./automation";
import { reconcile } from "./reconcile";
import { type ExportedDeployment, deployedPreviews } from "./state";
import { stuckNamespaces, stuckReport } from "./stuck";

export interface CliDeps {
  /** The project folder (stack files, Pulumi.yaml, policy pack). */
  root: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  /** The Pulumi side of a real run (`refresh` only with the deploy identity); loaded only when needed. */
  driver?: (stack: string, refresh: boolean) => Promise<AutomationDriver>;
}

export const USAGE = `Usage: npm run previews -- <command> [options]

Commands:
  reconcile --stack <name>   plan the previews from the open pull requests and the stack's state,
                             then run each phase: pulumi preview with the policy pack, pulumi up
    --dry-run                print the phases; change nothing
    --open <1,2,...>         these open pull requests, instead of asking GitHub
    --pull-requests <file>   the open pull requests as the GitHub REST API lists them
    --state <file>           the stack's state as pulumi stack export writes it (--dry-run only)
  preview --stack <name>     pulumi preview with the policy pack, the previews held as deployed
  stuck --cluster <file>     preview namespaces stuck in Terminating, from the output of
                             kubectl get namespaces,atlasdatabaseusers.atlas.mongodb.com -A -o json
  -h, --help                 show this help

Exit status: 0 done, 1 refused, failed or something stuck, 2 a usage or config error.
`;

const OPTIONS = {
  stack: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  open: { type: "string" },
  "pull-requests": { type: "string" },
  state: { type: "string" },
  cluster: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

class UsageError extends Error {}

const readJson = (root: string, file: string): unknown => JSON.parse(fs.readFileSync(path.resolve(root, file), "utf8"));

function numbers(text: string): number[] {
  const items = text.split(",").filter((s) => s.trim() !== "");
  if (!items.every((s) => /^[1-9]\d{0,9}$/.test(s.trim()))) {
    throw new UsageError(
      `--open must list pull request numbers separated by commas, e.g. 12,15; got ${JSON.stringify(text)}`,
    );
  }
  return items.map(Number);
}

async function defaultDriver(root: string, stack: string, refresh: boolean, out: (l: string) => void) {
  const { automationDriver } = await import("./automation");
  return automationDriver({
    stack,
    workDir: root,
    policyPack: path.join(root, "policy"),
    refresh,
    onOutput: (t) => out(t.trimEnd()),
  });
}

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const summary: string[] = [];
  const log = (line: string) => {
    deps.out(line);
    summary.push(line);
  };
  const flush = (title: string) => {
    const file = deps.env.GITHUB_STEP_SUMMARY;
    if (file && summary.length > 0)
      fs.appendFileSync(file, `### ${title}\n\n${summary.map((l) => `${l}  `).join("\n")}\n\n`);
  };
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    } catch (err) {
      if (isParseArgsError(err)) throw new UsageError(usageProblem(err, Object.keys(OPTIONS)));
      throw err;
    }
    const { positionals, values } = parsed;
    if (values.help) {
      deps.out(USAGE.trimEnd());
      return 0;
    }
    const [command, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (command !== "reconcile" && command !== "preview" && command !== "stuck") {
      throw new UsageError(
        command === undefined
          ? "name a command: reconcile, preview or stuck"
          : `unknown command ${JSON.stringify(command)}: reconcile, preview or stuck`,
      );
    }
    // Only a reconcile (deploy identity) refreshes; a preview runs with a read-only identity.
    const driverFor = (stack: string, refresh: boolean) =>
      deps.driver ? deps.driver(stack, refresh) : defaultDriver(deps.root, stack, refresh, deps.out);

    if (command === "stuck") {
      if (!values.cluster) throw new UsageError("stuck needs --cluster <file>");
      const stuck = stuckNamespaces(readJson(deps.root, values.cluster) as { items?: [] });
      for (const line of stuckReport(stuck)) log(line);
      flush("Preview namespaces");
      return stuck.length > 0 ? 1 : 0;
    }
    if (!values.stack) throw new UsageError(`${command} needs --stack <name>`);
    const stack = values.stack;
    const raw = readStackFile(deps.root, stack.split("/").pop() ?? stack).project.previews;

    if (command === "preview") {
      const driver = await driverFor(stack, false);
      if (raw === undefined) await driver.preview();
      else {
        // The previews as deployed: the users the state records stay open, the other watched namespaces closing.
        const d = deployedPreviews(await driver.exportState());
        if (d.pending.length > 0) throw new Error(`the state has pending operations: ${d.pending.join("; ")}`);
        const users = new Set(d.users);
        await driver.preview({ open: [...d.users], closing: d.watched.filter((n) => !users.has(n)) });
      }
      return 0;
    }

    if (raw === undefined) throw new UsageError(`stack ${stack} has no atlas-access:previews: nothing to reconcile`);
    const settings = previewsSchema.safeParse(raw);
    if (!settings.success)
      throw new UsageError(`atlas-access:previews of stack ${stack} is invalid: ${settings.error.message}`);
    const repository = deps.env.GITHUB_REPOSITORY ?? "";
    const given = values.open === undefined ? undefined : numbers(values.open);
    const openPullRequests = async () => {
      if (given !== undefined) return given;
      const prs = values["pull-requests"]
        ? (readJson(deps.root, values["pull-requests"]) as PullRequestSummary[])
        : await listOpenPullRequests({ repository, token: deps.env.GITHUB_TOKEN, baseUrl: deps.env.GITHUB_API_URL });
      return selectPreviews(prs, { repository, label: settings.data.label });
    };
    const driver = values.state
      ? { exportState: async () => readJson(deps.root, values.state as string) as ExportedDeployment }
      : await driverFor(stack, true);
    if (values.state && !values["dry-run"])
      throw new UsageError("--state is for --dry-run only: a real run reads the stack's own state");
    await reconcile({
      openPullRequests,
      driver,
      maxPreviews: settings.data.maxPreviews,
      dryRun: values["dry-run"],
      log,
    });
    flush(`Previews of ${stack}${values["dry-run"] ? " (dry run)" : ""}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      deps.out(`previews: ${err.message}; see npm run previews -- --help`);
      return 2;
    }
    log(`previews: ${err instanceof Error ? err.message : String(err)}`);
    flush("Previews: failed");
    return 1;
  }
}
