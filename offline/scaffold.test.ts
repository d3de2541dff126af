/** `npm run scaffold`: the block it prints is documented key by key and, placeholders filled, a valid config. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { engineValues, problemsAcross } from "../test/support/config";
import { type Kind, SCAFFOLD_USAGE, main, scaffold } from "./scaffold";
import { PROJECT_ROOT, STACK_SCHEMA_FILE, readStackConfig } from "./stackFiles";

const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, STACK_SCHEMA_FILE), "utf8")) as object;
const block = (kind: Kind, name: string, stack = "staging") =>
  scaffold(kind, name, stack, readStackConfig(stack).project, schema);

function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** The block's YAML (comments dropped) with the placeholders filled, as the list item it is. */
const item = (text: string) =>
  (
    parse(
      text.replace("<workload role>", "orders-api").replace("<workload service account>", "orders-api"),
    ) as unknown[]
  )[0];

describe("scaffold", () => {
  it("comments every key with its path and meaning, and says where to paste it", () => {
    const text = block("connection", "orders-atlas");
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "# Paste as a new item of atlas-access:aws.connections in Pulumi.staging.yaml",
      "# (add the key if the stack has none), replace each <placeholder>,",
      "# then run: npm run plan -- --stack staging",
    ]);
    const keyLines = lines.filter((l) => /^\s*(- )?[A-Za-z]+:( |$)/.test(l));
    expect(keyLines.map((l) => l.trim())).toEqual([
      "- name: orders-atlas",
      "allowedPrincipals:",
      "roles:",
      "- role: read",
      "database: syrf_staging",
      "scopes:",
    ]);
    for (const l of keyLines) {
      const key = /^\s*(?:- )?([A-Za-z]+):/.exec(l)?.[1] ?? "";
      const comment =
        lines
          .slice(0, lines.indexOf(l))
          .reverse()
          .find((c) => /^\s*# atlas-access:/.test(c)) ?? "";
      expect([key, comment]).toEqual([
        key,
        expect.stringMatching(new RegExp(`# atlas-access:aws\\.connections\\[\\][.a-zA-Z\\[\\]]*${key}: \\S`)),
      ]);
    }
    expect(lines.every((l) => l.length <= 100)).toBe(true);
  });

  it.each<[Kind, string, string, string]>([
    ["connection", "orders-atlas", "aws", "staging"],
    ["app-user", "syrf_staging_orders", "appUsers", "staging"],
    ["app-user", "syrf_prod_reports", "appUsers", "prod"],
  ])("%s %s, placeholders filled, is accepted in the %s of %s", (kind, name, section, stack) => {
    const stacks = { staging: engineValues("staging"), prod: engineValues("prod") };
    const added = item(
      block(kind, name, stack).replace(
        /^(\s*)secretAccessor: serviceAccount:<workload service account>/m,
        "$1secretAccessor: serviceAccount:orders-api-sa",
      ),
    );
    const target = stacks[stack as "staging" | "prod"];
    if (section === "aws") (target.aws as { connections: unknown[] }).connections.push(added);
    else (target.appUsers as unknown[]).push(added);
    expect(problemsAcross(stacks, stack)).toEqual([]);
  });

  it("refuses a name the config would refuse, and a kind it does not know, with the usage", () => {
    expect(run(["app-user", "Orders"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `scaffold: "Orders": a username is lowercase letters, digits, '_' and '-', starting with a letter, at most 64 characters\n\n${SCAFFOLD_USAGE}`,
    });
    expect(run(["user", "orders"]).stderr).toBe(
      `scaffold: the first argument is one of: connection, app-user\n\n${SCAFFOLD_USAGE}`,
    );
    expect(run(["connection"]).stderr).toBe(`scaffold: give exactly one name\n\n${SCAFFOLD_USAGE}`);
    expect(run(["--help"])).toEqual({ code: 0, stdout: SCAFFOLD_USAGE, stderr: "" });
    expect(run(["connection", "orders-atlas", "--stack", "prod"]).stdout).toBe(
      block("connection", "orders-atlas", "prod"),
    );
  });
});
