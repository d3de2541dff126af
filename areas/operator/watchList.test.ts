/** The operator's watch list, derived from config (`watchList.ts`). */
import { watchNamespaces } from "./watchList";

describe("watchNamespaces", () => {
  it("builds the watch list: operator namespace first, then open and closing previews ascending, each once", () => {
    expect(watchNamespaces({ namespace: "ops" }, { open: [30, 4], closing: [12] })).toEqual([
      "ops",
      "pr-4",
      "pr-12",
      "pr-30",
    ]);
    expect(watchNamespaces({ namespace: "ops" })).toEqual(["ops"]);
  });
});
