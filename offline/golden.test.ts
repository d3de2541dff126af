/**
 * The golden files of the plan's reports (`npm run golden` rewrites them): the committed stacks' `plan.md` and
 * `access.json`, and the access diff of each fixture pair, which must name exactly the changes the pair makes.
 */
import * as path from "path";
import { readTree } from "../test/support/files";
import type { AccessDiff } from "./accessDiff";
import { GOLDEN_DIR, renderGolden } from "./golden";
import { PAIRS, REPORTS } from "./goldenCases";
import { WIDTH } from "./planMarkdown";
import { PROJECT_ROOT } from "./stackFiles";

let rendered: { files: Map<string, string>; diffs: Map<string, AccessDiff> };
beforeAll(async () => {
  rendered = await renderGolden(REPORTS, PAIRS);
}, 120_000);

describe("golden files of the plan", () => {
  it(`are up to date: ${GOLDEN_DIR} is what npm run golden writes (run it when this fails, and review the diff)`, () => {
    const committed = readTree(path.join(PROJECT_ROOT, GOLDEN_DIR));
    expect([...committed.keys()].sort()).toEqual([...rendered.files.keys()].sort());
    for (const [file, content] of rendered.files) expect([file, committed.get(file)]).toEqual([file, content]);
  });

  it("cover at least ten pairs, each naming exactly the changes it makes", () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(10);
    for (const pair of PAIRS) {
      const kinds = rendered.diffs.get(pair.name)?.changes.map((c) => c.kind);
      expect([pair.name, kinds]).toEqual([pair.name, pair.expect]);
    }
  });

  it("name the principal, the database and the privileges of a change in plain words", () => {
    const text = (name: string) => rendered.diffs.get(name)?.changes.map((c) => c.text);
    expect(text("principal-added")).toEqual([
      "`role/syrf-staging-worker` can now reach syrf_staging: readWrite on cluster syrf-shared, through role syrf-staging-api-atlas.",
    ]);
    expect(text("role-widened")?.[0]).toBe(
      "`role/service-role/syrf-staging-reports-backfill-lambda` on syrf_staging: widened, now also readWrite (roles read → readWrite).",
    );
    expect(text("preview-added")).toEqual([
      "`namespace pr-42` can now reach syrf_pr_42: readWrite on cluster syrf-shared, through namespace pr-42.",
      "New Atlas user `syrf_pr_42_app` (preview): readWrite@syrf_pr_42 on cluster syrf-shared.",
    ]);
    expect(text("findings-fixed")).toContain(
      'Fixed: ATLAS-005 (critical, blocks deployment) on `mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry operator-egress`: cidrBlock "0.0.0.0/0" admits every address on the internet.',
    );
  });

  it(`plan.md fits ${WIDTH} columns outside its folded details`, () => {
    for (const [file, content] of rendered.files) {
      if (!file.endsWith(".md")) continue;
      const visible = content.replace(/<details>[\s\S]*?<\/details>/g, "");
      expect([file, visible.split("\n").filter((l) => l.length > WIDTH)]).toEqual([file, []]);
    }
  });
});
