/**
 * Edits the preview list (`atlas-access:previews.pullRequests` / `.closing`) of a `Pulumi.<stack>.yaml`, for the
 * preview workflow. Only the two lists' values change, byte for byte everything else (comments, blank lines) stays.
 *
 * Lifecycle of a pull request N (see README.md, "Removal"):
 *   opened/reopened  → `open N`:  N in pullRequests (removed from closing if it was there)
 *   closed           → `close N`: N moved from pullRequests to closing; `pulumi up` deletes the user while pr-N is watched
 *   after that up    → `prune`:   closing emptied; the next `pulumi up` drops pr-N from the watch list and deletes it
 */
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { PROJECT } from "../../domain/project";

export const PREVIEWS_KEY = `${PROJECT}:previews`;
export type PreviewAction = { kind: "open"; pr: number } | { kind: "close"; pr: number } | { kind: "prune" };
export interface PreviewLists {
  pullRequests: number[];
  closing: number[];
}

function listAt(doc: Document, key: "pullRequests" | "closing", file: string) {
  const node = doc.getIn(["config", PREVIEWS_KEY, key], true);
  if (!isSeq(node) || !node.range) {
    throw new Error(
      `${file}: config.${PREVIEWS_KEY}.${key} must exist as a list (write "${key}: []" under ${PREVIEWS_KEY})`,
    );
  }
  const values = node.items.map((i) => (i as { value?: unknown }).value);
  if (!values.every((v): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0)) {
    throw new Error(
      `${file}: config.${PREVIEWS_KEY}.${key} must hold positive pull request numbers, got ${JSON.stringify(values)}`,
    );
  }
  return { values, start: node.range[0], end: node.range[1] };
}

/** Reads both lists; throws when the file does not configure previews. */
export function readPreviewLists(text: string, file = "Pulumi.yaml"): PreviewLists {
  const doc = parseDocument(text);
  if (!isMap(doc.getIn(["config", PREVIEWS_KEY], true)))
    throw new Error(`${file}: no config.${PREVIEWS_KEY}; this stack does not own previews`);
  return { pullRequests: listAt(doc, "pullRequests", file).values, closing: listAt(doc, "closing", file).values };
}

/** The new lists after `action` (sorted ascending, each number once). */
export function applyAction(lists: PreviewLists, action: PreviewAction): PreviewLists {
  if (action.kind !== "prune" && !(Number.isSafeInteger(action.pr) && action.pr > 0)) {
    throw new Error(`pull request number ${action.pr} is not a positive whole number`);
  }
  const sort = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  switch (action.kind) {
    case "open":
      return {
        pullRequests: sort([...lists.pullRequests, action.pr]),
        closing: lists.closing.filter((n) => n !== action.pr),
      };
    case "close":
      // Only an open preview has a user to delete; closing an unknown number changes nothing.
      if (!lists.pullRequests.includes(action.pr))
        return { pullRequests: sort(lists.pullRequests), closing: sort(lists.closing) };
      return {
        pullRequests: lists.pullRequests.filter((n) => n !== action.pr),
        closing: sort([...lists.closing, action.pr]),
      };
    case "prune":
      return { pullRequests: sort(lists.pullRequests), closing: [] };
  }
}

const flow = (xs: number[]) => `[${xs.join(", ")}]`;

/** Applies `action` to the file text; returns the new text (only the two lists' values rewritten). */
export function editPreviewList(text: string, action: PreviewAction, file = "Pulumi.yaml"): string {
  const before = readPreviewLists(text, file);
  const after = applyAction(before, action);
  const doc = parseDocument(text);
  const spans = [
    { ...listAt(doc, "pullRequests", file), next: after.pullRequests },
    { ...listAt(doc, "closing", file), next: after.closing },
  ].sort((a, b) => b.start - a.start); // rewrite from the end so earlier offsets stay valid
  let out = text;
  for (const s of spans) {
    // A block list's span ends with its line break (and the next line's indentation): keep those.
    const tail = /\s*$/.exec(out.slice(s.start, s.end))?.[0] ?? "";
    out = out.slice(0, s.start) + flow(s.next) + tail + out.slice(s.end);
  }
  const check = readPreviewLists(out, file);
  if (JSON.stringify(check) !== JSON.stringify(after)) {
    throw new Error(
      `${file}: rewriting the preview list gave ${JSON.stringify(check)}, expected ${JSON.stringify(after)}; edit it by hand`,
    );
  }
  return out;
}

/** Parses CLI arguments `open N` | `close N` | `prune`. */
export function parseAction(args: readonly string[]): PreviewAction {
  const [kind, n, ...rest] = args;
  const usage = "usage: preview-list <open N | close N | prune> [--file Pulumi.<stack>.yaml]";
  if (kind === "prune" && n === undefined && rest.length === 0) return { kind };
  if ((kind === "open" || kind === "close") && n !== undefined && rest.length === 0) {
    if (!/^[1-9]\d{0,9}$/.test(n))
      throw new Error(`pull request number ${JSON.stringify(n)} is not a positive whole number; ${usage}`);
    return { kind, pr: Number(n) };
  }
  throw new Error(usage);
}
