/**
 * `npm run scaffold`: the config block that adds an application — a connection role (AWS workloads, no password) or
 * a password user (credential in GCP Secret Manager) — filled from a stack's config, each key commented with its
 * path and its meaning from the generated JSON Schema. Pure: the stack's values and the schema in, text out.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { USERNAME } from "../domain/atlas";
import { ROLE_NAME } from "../domain/aws";
import { PROJECT } from "../domain/project";
import { wrap } from "./planMarkdown";
import { PROJECT_ROOT, STACK_SCHEMA_FILE, readStackConfig } from "./stackFiles";

export const KINDS = ["connection", "app-user"] as const;
export type Kind = (typeof KINDS)[number];

type Schema = { description?: string; properties?: Record<string, Schema>; items?: Schema };

export const SCAFFOLD_USAGE = `Usage: npm run scaffold -- <connection|app-user> <name> [--stack <name>]

Prints the config block that adds an application to Pulumi.<stack>.yaml (default stack: staging):
  connection <name>   an IAM connection role (its name) for AWS workloads: MONGODB-AWS, no password
  app-user <name>     a password user (its username) whose password one workload reads from GCP Secret Manager
Replace each <placeholder>, paste the block where its first line says, and run npm run plan.
`;

/** The description of a key of the stack file, by its path below `atlas-access:<section>` (`[]` for list items). */
function describe(schema: Schema, section: string, keys: string[]): string {
  let node: Schema | undefined = schema.properties?.config?.properties?.[`${PROJECT}:${section}`];
  for (const k of keys) node = k === "[]" ? node?.items : node?.properties?.[k];
  return node?.description ?? "";
}

interface Line {
  /** The YAML text of the line, indented. */
  text: string;
  /** Its key path below the section, to comment it; none for a value line. */
  keys?: string[];
}

export function scaffold(
  kind: Kind,
  name: string,
  stack: string,
  config: Record<string, unknown>,
  schema: Schema,
): string {
  const atlas = (config.atlas ?? {}) as { clusters?: string[]; environmentDatabases?: Record<string, string> };
  const env = String(config.environment ?? "staging");
  const database = atlas.environmentDatabases?.[env] ?? "<environment database>";
  const cluster = atlas.clusters?.[0] ?? "<cluster>";
  const section = kind === "connection" ? "aws" : "appUsers";
  const under = kind === "connection" ? `${PROJECT}:aws.connections` : `${PROJECT}:appUsers`;
  let lines: Line[];
  if (kind === "connection") {
    const account = (config.aws as { accountId?: string } | undefined)?.accountId ?? "<account id>";
    const item = ["connections", "[]"];
    lines = [
      { text: `      - name: ${name}`, keys: [...item, "name"] },
      { text: "        allowedPrincipals:", keys: [...item, "allowedPrincipals"] },
      { text: `          - arn:aws:iam::${account}:role/<workload role>` },
      { text: "        roles:", keys: [...item, "roles"] },
      { text: "          - role: read", keys: [...item, "roles", "[]", "role"] },
      { text: `            database: ${database}`, keys: [...item, "roles", "[]", "database"] },
      { text: "        scopes:", keys: [...item, "scopes"] },
      { text: `          - ${cluster}` },
    ];
  } else {
    const project = (config.gcp as { projectId?: string } | undefined)?.projectId ?? "<gcp project>";
    lines = [
      { text: `    - username: ${name}`, keys: ["[]", "username"] },
      { text: "      description: <what the application is>", keys: ["[]", "description"] },
      { text: "      roles:", keys: ["[]", "roles"] },
      { text: "        - role: read", keys: ["[]", "roles", "[]", "role"] },
      { text: `          database: ${database}`, keys: ["[]", "roles", "[]", "database"] },
      { text: "      scopes:", keys: ["[]", "scopes"] },
      { text: `        - ${cluster}` },
      { text: `      secretId: atlas-${name.replace(/_/g, "-")}`, keys: ["[]", "secretId"] },
      {
        text: `      secretAccessor: serviceAccount:<workload service account>@${project}.iam.gserviceaccount.com`,
        keys: ["[]", "secretAccessor"],
      },
    ];
  }
  const out = [
    `# Paste as a new item of ${under} in Pulumi.${stack}.yaml`,
    "# (add the key if the stack has none), replace each <placeholder>,",
    `# then run: npm run plan -- --stack ${stack}`,
  ];
  for (const line of lines) {
    if (line.keys) {
      const indent = /^ */.exec(line.text)?.[0] ?? "";
      const key = `${PROJECT}:${section}${line.keys.map((k) => (k === "[]" ? "[]" : `.${k}`)).join("")}`;
      const comment = wrap(`# ${key}: ${describe(schema, section, line.keys)}`, "#   ", 100 - indent.length);
      out.push(...comment.map((c) => `${indent}${c}`));
    }
    out.push(line.text);
  }
  return `${out.join("\n")}\n`;
}

/** Why `name` cannot name an application of `kind`, or undefined. */
export function nameProblem(kind: Kind, name: string): string | undefined {
  if (kind === "connection" && !ROLE_NAME.test(name))
    return "a connection name is an IAM role name: 1-64 of A-Z a-z 0-9 + = , . @ _ -";
  if (kind === "app-user" && !USERNAME.test(name)) {
    return "a username is lowercase letters, digits, '_' and '-', starting with a letter, at most 64 characters";
  }
  return undefined;
}

/** The command line; exit 0 with the block on stdout, 2 on a usage error. */
export function main(
  argv: string[],
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } } = process,
): number {
  const fail = (problem: string) => {
    io.stderr.write(`scaffold: ${problem}\n\n${SCAFFOLD_USAGE}`);
    return 2;
  };
  let parsed: { values: { stack?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { stack: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    io.stdout.write(SCAFFOLD_USAGE);
    return 0;
  }
  const [kind, name, ...rest] = parsed.positionals;
  if (!(KINDS as readonly string[]).includes(kind ?? ""))
    return fail(`the first argument is one of: ${KINDS.join(", ")}`);
  if (name === undefined || rest.length > 0) return fail("give exactly one name");
  const problem = nameProblem(kind as Kind, name);
  if (problem) return fail(`${JSON.stringify(name)}: ${problem}`);
  const stack = parsed.values.stack ?? "staging";
  let config: Record<string, unknown>;
  try {
    config = readStackConfig(stack).project;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, STACK_SCHEMA_FILE), "utf8")) as Schema;
  io.stdout.write(scaffold(kind as Kind, name, stack, config, schema));
  return 0;
}
