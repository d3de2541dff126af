/** The strict stack file: document keys, provider allowlist, unknown or missing namespaces, plain-text secrets, lines. */
import * as fs from "fs";
import * as path from "path";
import { configModel } from "../program/config";
import { PROJECT_ROOT } from "../offline/stackFiles";
import { parseStackText, stackFileIssues } from "./strictStackFile";
import { didYouMean, editDistance } from "./suggest";

const text = (stack: string) => fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8");
/** The 1-based line of the first line of `source` that starts (after indentation) with `start`. */
const lineOf = (source: string, start: string) => source.split("\n").findIndex((l) => l.trim().startsWith(start)) + 1;
const issuesOf = (source: string, stack = "prod") =>
  stackFileIssues(parseStackText(source, `Pulumi.${stack}.yaml`).data, { stack, sections: configModel.sections });
/** Each problem as `<line>: <path>: <message>`, the way the plan prints it. */
const located = (source: string, stack = "prod") => {
  const parsed = parseStackText(source, `Pulumi.${stack}.yaml`);
  return stackFileIssues(parsed.data, { stack, sections: configModel.sections }).map(
    (i) => `${parsed.lineOf(i.path)}: ${i.path.join(" > ")}: ${i.message}`,
  );
};

describe("stackFileIssues", () => {
  it.each(["staging", "prod"])("finds nothing in the committed %s stack file", (stack) => {
    expect(issuesOf(text(stack), stack)).toEqual([]);
  });

  it("refuses a mistyped namespace, suggesting the right one (prod's auditing would vanish)", () => {
    const source = text("prod").replace("atlas-access:databaseAuditing:", "atlas-acess:databaseAuditing:");
    expect(located(source)).toEqual([
      `${lineOf(source, "atlas-acess:")}: config > atlas-acess:databaseAuditing: unknown namespace "atlas-acess", so nothing reads this key; did you mean atlas-access:databaseAuditing?`,
    ]);
  });

  it("refuses a key without a namespace, suggesting the program's key", () => {
    const source = text("prod").replace("atlas-access:appUsers:", "appUsers:").replace("gcp:project:", "gcpProject:");
    expect(located(source)).toEqual([
      `${lineOf(source, "gcpProject:")}: config > gcpProject: a key without a namespace is read by nothing; write atlas-access:<key> for this program's settings, or one of the provider keys aws:region, gcp:project, kubernetes:context, kubernetes:kubeconfig`,
      `${lineOf(source, "appUsers:")}: config > appUsers: a key without a namespace is read by nothing; did you mean atlas-access:appUsers?`,
    ]);
  });

  it("refuses provider keys outside the allowlist and namespaces nobody reads", () => {
    const source = text("staging").replace(
      "  aws:region: eu-west-1\n",
      "  aws:regoin: eu-west-1\n  aws:profile: admin\n  mongodbatlas:clientSecret: abc\n",
    );
    expect(located(source, "staging")).toEqual([
      "4: config > aws:regoin: not a provider key this program sets; accepted provider keys: aws:region, gcp:project, kubernetes:context, kubernetes:kubeconfig; did you mean aws:region?",
      "5: config > aws:profile: not a provider key this program sets; accepted provider keys: aws:region, gcp:project, kubernetes:context, kubernetes:kubeconfig",
      '6: config > mongodbatlas:clientSecret: unknown namespace "mongodbatlas", so nothing reads this key; this program reads atlas-access:<key> and the provider keys aws:region, gcp:project, kubernetes:context, kubernetes:kubeconfig',
    ]);
  });

  it("refuses a secret written in plain text, with the command that encrypts it, and never shows the value", () => {
    const source = text("prod").replace(/secret:\n\s+secure: v1:[^\n]+/, "secret: hunter2-plain");
    const issues = issuesOf(source);
    expect(issues).toEqual([
      {
        path: ["config", "atlas-access:databaseAuditing", "alerts", "webhooks", 0, "secret"],
        message:
          "a secret written in plain text; encrypt it: pulumi config set --stack prod --secret --path 'databaseAuditing.alerts.webhooks[0].secret' <value>",
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain("hunter2");
    expect(parseStackText(source, "Pulumi.prod.yaml").lineOf(issues[0]?.path ?? [])).toBe(
      lineOf(source, "secret: hunter2-plain"),
    );
  });

  it("refuses a plain-text kubeconfig (a provider secret) and accepts an encrypted one", () => {
    const plain = text("staging").replace(
      "  aws:region: eu-west-1\n",
      "  aws:region: eu-west-1\n  kubernetes:kubeconfig: apiVersion\n",
    );
    expect(issuesOf(plain, "staging")).toEqual([
      {
        path: ["config", "kubernetes:kubeconfig"],
        message:
          "a secret written in plain text; encrypt it: pulumi config set --stack staging --secret kubernetes:kubeconfig <value>",
      },
    ]);
    const encrypted = plain.replace("kubernetes:kubeconfig: apiVersion", "kubernetes:kubeconfig:\n    secure: v1:abc");
    expect(issuesOf(encrypted, "staging")).toEqual([]);
  });

  it("refuses unknown document keys and a config that is not a map", () => {
    expect(issuesOf("confg:\n  aws:region: eu-west-1\nsecretsprovider: passphrase\n")).toEqual([
      {
        path: ["confg"],
        message:
          "not a key of a Pulumi stack file; accepted: config, encryptedkey, encryptionsalt, environment, secretsprovider; did you mean config?",
      },
    ]);
    expect(issuesOf("config: [a]\n")).toEqual([
      { path: ["config"], message: "must be a map of <namespace>:<name> keys" },
    ]);
    expect(issuesOf("")).toEqual([]);
  });
});

describe("parseStackText", () => {
  it("names the file, line and column of a YAML syntax error", () => {
    expect(() => parseStackText("config:\n  aws:region: eu-west-1\n  bad: [unclosed\n", "Pulumi.draft.yaml")).toThrow(
      "Pulumi.draft.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  it("gives the line of a place, or of its deepest ancestor in the file", () => {
    const parsed = parseStackText(text("staging"), "Pulumi.staging.yaml");
    expect(parsed.lineOf(["config", "atlas-access:environment"])).toBe(6);
    expect(parsed.lineOf(["config", "atlas-access:aws", "connections", 1, "roles", 0, "role"])).toBe(36);
    expect(parsed.lineOf(["config", "atlas-access:aws", "connections", 9, "name"])).toBe(21);
    expect(parsed.lineOf(["config", "atlas-access:nothing"])).toBe(3);
  });
});

describe("didYouMean", () => {
  it("suggests the closest name within one edit per three characters", () => {
    expect(editDistance("atlas-acess", "atlas-access")).toBe(1);
    expect(editDistance("regoin", "region")).toBe(1);
    expect(didYouMean("enviroment", ["atlas", "environment"])).toBe("environment");
    expect(didYouMean("appUser", ["appUsers", "aws"])).toBe("appUsers");
    expect(didYouMean("c", ["a", "b"])).toBeUndefined();
    expect(didYouMean("streamz", ["databaseAuditing", "admission"])).toBeUndefined();
  });
});
