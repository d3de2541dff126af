/**
 * `atlas-access:previewList`: the previews of one update, set by `npm run previews -- reconcile` for that run and
 * never committed; each bad input with its exact message, on the staging stack's values.
 */
import { problemsOf, stackProblems } from "../../test/support/config";
import { listOf, previewsOf, valid } from "./fixtures/config";

describe("the preview list: set by the reconcile step, never committed", () => {
  it("is required where previews are configured, so that a bare pulumi up cannot drop every preview at once", () => {
    const cfg = valid();
    delete cfg.previewList;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previewList: got nothing; is required when atlas-access:previews is set; `npm run previews -- reconcile` sets it for each update from the open pull requests and the stack's state (never committed): run that, not a bare pulumi up, which would drop every preview at once",
    ]);
  });

  it("is refused where no previews are configured", () => {
    const cfg = valid();
    delete cfg.previews;
    delete cfg.admission;
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previewList: got {"open":[123],"closing":[]}; has no effect without atlas-access:previews; remove it',
    ]);
  });

  it("is not in the committed stack file (offline, it is read as empty)", () => {
    expect(stackProblems("staging", (c) => delete c.previewList)).toHaveLength(1);
  });

  it.each([0, -4, 1.5])("rejects the pull request number %p", (n) => {
    const cfg = valid();
    listOf(cfg).open = [123, n];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:previewList.open[1]: got ${n}; must be a positive whole pull request number, e.g. 123`,
    ]);
  });

  it("rejects a pull request number given as text (a glob cannot sneak in)", () => {
    const cfg = valid();
    listOf(cfg).open = ["*"];
    expect(problemsOf(cfg)).toEqual(['atlas-access:previewList.open[0]: got "*"; expected number']);
  });

  it("rejects a duplicate pull request", () => {
    const cfg = valid();
    listOf(cfg).open = [123, 456, 123];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previewList.open[2]: got 123; duplicate of item [0]; each entry must appear once",
    ]);
  });

  it("rejects a bad or duplicate closing pull request", () => {
    const cfg = valid();
    listOf(cfg).closing = [7, 7, -1];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previewList.closing[2]: got -1; must be a positive whole pull request number, e.g. 123",
      "atlas-access:previewList.closing[1]: got 7; duplicate of item [0]; each entry must appear once",
    ]);
  });

  it("rejects a pull request both open and closing", () => {
    const cfg = valid();
    listOf(cfg).closing = [5, 123];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previewList.closing[1]: got 123; is also in previewList.open; a pull request is either open or closing, never both",
    ]);
  });

  it("rejects more open and closing previews than maxPreviews (a closing user exists until the update deletes it)", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 2;
    cfg.previewList = { open: [1, 2], closing: [3] };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previewList: got {"open":[1,2],"closing":[3]}; has 2 open and 1 closing previews, more than maxPreviews (2); a closing preview\'s user exists until this update deletes it',
    ]);
  });
});
