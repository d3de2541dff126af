/** The cluster side of the self-healing check, over a recorded `kubectl get … -o json` fixture. */
import * as fs from "fs";
import * as path from "path";
import { stuckNamespaces, stuckReport } from "./stuck";

const cluster = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "cluster-stuck.json"), "utf8")) as {
  items: [];
};

describe("stuck preview namespaces", () => {
  it("finds pr-7 (Terminating, its user keeps the operator's finalizer); not pr-9 (no finalizer), pr-12 (active) or team-x (not a preview)", () => {
    expect(stuckNamespaces(cluster)).toEqual([{ namespace: "pr-7", since: "2026-08-01T09:12:00Z", users: ["pr-7"] }]);
  });

  it("reports them for the job summary, or that none is stuck", () => {
    expect(stuckReport(stuckNamespaces(cluster))).toEqual([
      '1 preview namespace(s) stuck in Terminating: an AtlasDatabaseUser keeps the operator\'s finalizer mongodbatlas/finalizer (its Atlas user may still exist). Recover by hand: README, "A stuck namespace".',
      "- `pr-7` since 2026-08-01T09:12:00Z: `pr-7`",
    ]);
    expect(stuckReport([])).toEqual(["No preview namespace is stuck in Terminating."]);
  });

  it("refuses input that is not a kubectl list", () => {
    expect(() => stuckNamespaces({})).toThrow(
      "expected the JSON of `kubectl get namespaces,atlasdatabaseusers.atlas.mongodb.com -A -o json` (a List with items)",
    );
  });
});
