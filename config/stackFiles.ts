/**
 * The stack files of a Pulumi project folder: which `Pulumi.<stack>.yaml` exist, and their values the way the Pulumi
 * CLI hands them to the program (`secure:` values cannot be decrypted here: they become a placeholder that stays
 * secret). The program reads its peers' files with it for the cross-stack rules; the offline engine reads every file.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT } from "../domain/project";
import { type ParsedStackFile, parseStackText } from "./strictStackFile";

/** Stack names that have a `Pulumi.<stack>.yaml`. */
export function listStacks(root: string): string[] {
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

/** The path of `stack`'s file in `root`. */
export const stackFilePath = (root: string, stack: string): string => path.join(root, `Pulumi.${stack}.yaml`);

/** Parsed stack files by path and content (never mutated by their readers). */
const parsedFiles = new Map<string, ParsedStackFile>();

/** A stack file parsed with the line of every place in it; a YAML error names the file, line and column. */
export function readStackDocument(root: string, stack: string): ParsedStackFile & { file: string } {
  const file = stackFilePath(root, stack);
  if (!fs.existsSync(file)) {
    const known = listStacks(root);
    throw new Error(`no stack "${stack}": ${file} does not exist; stacks here: ${known.join(", ") || "none"}`);
  }
  const text = fs.readFileSync(file, "utf8");
  const key = `${file}\u0000${text}`;
  // The same file is read by the offline engine, by the program and as a peer: parse each content once.
  const parsed = parsedFiles.get(key) ?? parseStackText(text, path.basename(file));
  parsedFiles.set(key, parsed);
  if (parsedFiles.size > 32) parsedFiles.delete(parsedFiles.keys().next().value as string);
  return { file, ...parsed };
}

export function readStackFile(root: string, stack: string): StackFileConfig {
  const doc = (readStackDocument(root, stack).data ?? {}) as { config?: Record<string, unknown> };
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

/** A config value as the CLI passes it to the program: scalars as text, structured values as JSON text. */
export function encodeConfigValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The engine passes structured values as JSON text and scalars as plain text. */
export function decodeConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A stack file's values exactly as the program receives them from the engine (encoded, then decoded). */
export const engineValues = (project: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(project).map(([k, v]) => [k, decodeConfigValue(encodeConfigValue(v))]));
