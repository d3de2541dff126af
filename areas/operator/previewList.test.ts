import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../offline/stackFiles";
import { applyAction, editPreviewList, parseAction, readPreviewLists } from "./previewList";

const staging = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8");
const lines = (t: string) => t.split("\n");
/** Lines of `after` that differ from `before` (same line count expected). */
function changed(before: string, after: string): string[] {
  const a = lines(before);
  const b = lines(after);
  expect(b).toHaveLength(a.length);
  return b.filter((l, i) => l !== a[i]);
}

describe("preview list edits", () => {
  it("open adds the number (sorted, once) and rewrites only the list's value", () => {
    const once = editPreviewList(staging, { kind: "open", pr: 456 });
    const twice = editPreviewList(editPreviewList(once, { kind: "open", pr: 123 }), { kind: "open", pr: 456 });
    expect(readPreviewLists(twice)).toEqual({ pullRequests: [123, 456], closing: [] });
    expect(changed(staging, twice)).toEqual(["    pullRequests: [123, 456]"]);
  });

  it("close moves an open number to closing; prune empties closing", () => {
    const open = editPreviewList(editPreviewList(staging, { kind: "open", pr: 7 }), { kind: "open", pr: 9 });
    const closing = editPreviewList(open, { kind: "close", pr: 7 });
    expect(readPreviewLists(closing)).toEqual({ pullRequests: [9], closing: [7] });
    expect(changed(staging, closing)).toEqual(["    pullRequests: [9]", "    closing: [7]"]);
    const pruned = editPreviewList(closing, { kind: "prune" });
    expect(readPreviewLists(pruned)).toEqual({ pullRequests: [9], closing: [] });
  });

  it("reopening a closing pull request makes it open again (never both)", () => {
    expect(applyAction({ pullRequests: [1], closing: [7] }, { kind: "open", pr: 7 })).toEqual({
      pullRequests: [1, 7],
      closing: [],
    });
  });

  it("closing a pull request that has no preview changes nothing", () => {
    expect(applyAction({ pullRequests: [1], closing: [] }, { kind: "close", pr: 5 })).toEqual({
      pullRequests: [1],
      closing: [],
    });
  });

  it("rewrites a block-style list without touching the next key", () => {
    const text =
      "config:\n  atlas-access:previews:\n    pullRequests:\n      - 4\n      - 2\n    closing: []   # note\n    maxPreviews: 3\n";
    expect(editPreviewList(text, { kind: "close", pr: 4 })).toBe(
      "config:\n  atlas-access:previews:\n    pullRequests:\n      [2]\n    closing: [4]   # note\n    maxPreviews: 3\n",
    );
  });

  it("refuses a file without previews, a missing list and a non-number entry", () => {
    expect(() =>
      editPreviewList("config:\n  atlas-access:environment: prod\n", { kind: "open", pr: 1 }, "Pulumi.prod.yaml"),
    ).toThrow("Pulumi.prod.yaml: no config.atlas-access:previews; this stack does not own previews");
    expect(() => readPreviewLists("config:\n  atlas-access:previews:\n    pullRequests: []\n")).toThrow(
      'Pulumi.yaml: config.atlas-access:previews.closing must exist as a list (write "closing: []" under atlas-access:previews)',
    );
    expect(() =>
      readPreviewLists("config:\n  atlas-access:previews:\n    pullRequests: ['pr-*']\n    closing: []\n"),
    ).toThrow(
      'Pulumi.yaml: config.atlas-access:previews.pullRequests must hold positive pull request numbers, got ["pr-*"]',
    );
  });

  it("parses the CLI actions and rejects anything else", () => {
    expect(parseAction(["open", "12"])).toEqual({ kind: "open", pr: 12 });
    expect(parseAction(["close", "12"])).toEqual({ kind: "close", pr: 12 });
    expect(parseAction(["prune"])).toEqual({ kind: "prune" });
    expect(() => parseAction(["open", "pr-*"])).toThrow(
      'pull request number "pr-*" is not a positive whole number; usage: preview-list <open N | close N | prune> [--file Pulumi.<stack>.yaml]',
    );
    expect(() => parseAction(["open", "0"])).toThrow('pull request number "0" is not a positive whole number');
    expect(() => parseAction(["delete", "3"])).toThrow(
      "usage: preview-list <open N | close N | prune> [--file Pulumi.<stack>.yaml]",
    );
  });
});
