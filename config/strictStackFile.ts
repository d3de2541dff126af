/**
 * The strict stack file: every key of `Pulumi.<stack>.yaml` is one that something reads. `atlas-access:*` keys are
 * checked by the schema (`parse.ts`); this module checks the rest of the file before that: the document's own keys,
 * the provider keys (an explicit allowlist), keys in an unknown namespace or in none (a typo such as `atlas-acess:` or
 * a bare `appUsers:` would otherwise be ignored, silently dropping what they configure), and secret-bearing values
 * written in plain text. Pure: a parsed document in, problems with their place in the file out.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import type { Node } from "yaml";
import type { z } from "zod";
import { PROJECT } from "../domain/project";
import { type DocumentPath, keyPath } from "./parse";
import { type SchemaSegment, secretPaths } from "./schema";
import { didYouMean } from "./suggest";

/** The keys Pulumi reads at the top of a stack file (https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/). */
export const DOCUMENT_KEYS = ["config", "encryptedkey", "encryptionsalt", "environment", "secretsprovider"] as const;

/** A provider setting this program's stack files may hold. */
export interface ProviderKey {
  key: string;
  what: string;
  /** Holds a credential: must be a `secure:` value. */
  secret: boolean;
}

/** The provider keys the stacks set; any other key outside `atlas-access:` is refused. */
export const PROVIDER_KEYS: readonly ProviderKey[] = [
  { key: "aws:region", what: "region of the AWS provider (the audit trail's home region)", secret: false },
  { key: "gcp:project", what: "default project of the GCP provider", secret: false },
  {
    key: "kubernetes:context",
    what: "kubeconfig context of the cluster that runs the Atlas operator and the previews",
    secret: false,
  },
  { key: "kubernetes:kubeconfig", what: "kubeconfig of that cluster (it holds credentials)", secret: true },
];

const NAMESPACES = [PROJECT, ...new Set(PROVIDER_KEYS.map((p) => p.key.split(":")[0] as string))];
const providerList = PROVIDER_KEYS.map((p) => p.key).join(", ");

/** A problem of the stack file, with where it is (from the document root). */
export interface StackFileIssue {
  path: DocumentPath;
  message: string;
}

export interface StackFileOptions {
  /** The stack's name, for the commands in messages. */
  stack: string;
  /** The program's top-level config sections (keys without `atlas-access:`) with their schemas. */
  sections: Readonly<Record<string, z.core.$ZodType>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
/** A `secure:` value: what `pulumi config set --secret` writes. */
const isSecure = (v: unknown): boolean => isRecord(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
const suggest = (s: string | undefined) => (s ? `; did you mean ${s}?` : "");

/** Every problem of a parsed stack file other than the values of `atlas-access:*` keys. */
export function stackFileIssues(document: unknown, options: StackFileOptions): StackFileIssue[] {
  const issues: StackFileIssue[] = [];
  if (document === null || document === undefined) return issues;
  if (!isRecord(document)) return [{ path: [], message: "a stack file must be a map with a config key" }];
  for (const key of Object.keys(document)) {
    if ((DOCUMENT_KEYS as readonly string[]).includes(key)) continue;
    const message = `not a key of a Pulumi stack file; accepted: ${DOCUMENT_KEYS.join(", ")}`;
    issues.push({ path: [key], message: message + suggest(didYouMean(key, DOCUMENT_KEYS)) });
  }
  const config = document.config;
  if (config === undefined || config === null) return issues;
  if (!isRecord(config)) return [...issues, { path: ["config"], message: "must be a map of <namespace>:<name> keys" }];
  const sections = Object.keys(options.sections);
  for (const [key, value] of Object.entries(config)) {
    const colon = key.indexOf(":");
    if (colon < 0) {
      const section = sections.includes(key) ? key : didYouMean(key, sections);
      const fix = section
        ? `did you mean ${PROJECT}:${section}?`
        : `write ${PROJECT}:<key> for this program's settings, or one of the provider keys ${providerList}`;
      issues.push({ path: ["config", key], message: `a key without a namespace is read by nothing; ${fix}` });
      continue;
    }
    const namespace = key.slice(0, colon);
    const name = key.slice(colon + 1);
    if (namespace === PROJECT) {
      const schema = options.sections[name];
      if (schema) issues.push(...plainSecrets(name, value, schema, options.stack));
      continue;
    }
    const provider = PROVIDER_KEYS.find((p) => p.key === key);
    if (provider) {
      if (provider.secret && !isSecure(value)) issues.push(plainSecret(["config", key], key, options.stack));
      continue;
    }
    if (NAMESPACES.includes(namespace)) {
      const message = `not a provider key this program sets; accepted provider keys: ${providerList}`;
      const close = didYouMean(key, [...PROVIDER_KEYS.map((p) => p.key)]);
      issues.push({ path: ["config", key], message: message + suggest(close) });
      continue;
    }
    const ns = didYouMean(namespace, NAMESPACES);
    const fix = ns
      ? `did you mean ${ns}:${name}?`
      : `this program reads ${PROJECT}:<key> and the provider keys ${providerList}`;
    issues.push({
      path: ["config", key],
      message: `unknown namespace ${JSON.stringify(namespace)}, so nothing reads this key; ${fix}`,
    });
  }
  return issues;
}

function plainSecret(path: DocumentPath, key: string, stack: string, configPath?: string): StackFileIssue {
  const command = configPath
    ? `pulumi config set --stack ${stack} --secret --path '${configPath}' <value>`
    : `pulumi config set --stack ${stack} --secret ${key} <value>`;
  return { path, message: `a secret written in plain text; encrypt it: ${command}` };
}

/** Values of `atlas-access:<section>` at paths marked secret that are not `secure:` values. */
function plainSecrets(section: string, value: unknown, schema: z.core.$ZodType, stack: string): StackFileIssue[] {
  const found: StackFileIssue[] = [];
  const visit = (v: unknown, rest: SchemaSegment[], at: (string | number)[]) => {
    if (v === undefined || v === null) return;
    const [head, ...tail] = rest;
    if (head === undefined) {
      if (!isSecure(v)) {
        const path = [section, ...at];
        const full = keyPath(path);
        found.push({
          ...plainSecret(["config", `${PROJECT}:${section}`, ...at], full, stack, full.slice(PROJECT.length + 1)),
        });
      }
      return;
    }
    if (head === "[]") {
      if (Array.isArray(v)) v.forEach((item, i) => visit(item, tail, [...at, i]));
    } else if (isRecord(v) && !isSecure(v)) {
      visit(v[head], tail, [...at, head]);
    }
  };
  for (const pattern of secretPaths(schema)) visit(value, pattern, []);
  return found;
}

/** A stack file's text, parsed, with the line of any place in it. */
export interface ParsedStackFile {
  data: unknown;
  /** The 1-based line of `path`, or of its deepest ancestor that exists in the file. */
  lineOf(path: DocumentPath): number | undefined;
}

/** Parses a stack file's text; a YAML syntax error names the file, the line and the column. */
export function parseStackText(text: string, file: string): ParsedStackFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new Error(`${file}:${line}:${col}: ${error.message.split("\n")[0]}`);
  }
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  return {
    data: doc.toJS(),
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = lineAt((doc.contents as Node | null)?.range?.[0]);
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) break;
          line = lineAt((pair.key as Node).range?.[0]) ?? line;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
          node = node.items[segment];
          line = lineAt((node as Node).range?.[0]) ?? line;
        } else {
          break;
        }
      }
      return line;
    },
  };
}
