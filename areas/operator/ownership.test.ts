/** Which stack may declare the operator, the previews and the admission policies (single-stack and cross-stack). */
import { engineValues, problemsAcross, stackProblems } from "../../test/support/config";

const OPERATOR_NOT_IN_PROD =
  "is declared only by the stack that owns the previews' Kubernetes cluster, never by prod: the operator's credential creates database users and previews run untrusted branches, neither beside production; remove it from this stack";

describe("the operator and the previews are never production's", () => {
  it("refuses the operator and previews in the prod stack", () => {
    const staging = engineValues("staging");
    expect(
      stackProblems("prod", (c) => {
        c.operator = staging.operator;
        c.previews = staging.previews;
        c.previewList = staging.previewList;
        c.admission = staging.admission;
      }),
    ).toEqual([
      `atlas-access:operator: got {"environment":"prod"}; ${OPERATOR_NOT_IN_PROD}`,
      `atlas-access:previews: got {"environment":"prod"}; ${OPERATOR_NOT_IN_PROD}`,
    ]);
  });
});

describe("exactly one stack owns the operator, the previews and the admission policies", () => {
  it("refuses a second staging stack of the same project declaring them", () => {
    const stacks = { staging: engineValues("staging"), prod: engineValues("prod"), draft: engineValues("staging") };
    const draft = stacks.draft;
    // A draft with its own GCP project, users and roles: only the cluster-wide sections conflict.
    delete draft.appUsers;
    delete draft.streams;
    delete draft.aws;
    delete draft.audit;
    delete draft.gcp;
    expect(problemsAcross(stacks, "draft")).toEqual([
      'atlas-access:operator: got {"alsoDeclaredBy":"staging"}; is also declared by stack staging; the Atlas operator, its credential and the previews are one per Atlas project (64b7f3a1c2d4e5f6a7b8c9d0): exactly one stack, the one that owns the Kubernetes cluster, declares them',
      'atlas-access:previews: got {"alsoDeclaredBy":"staging"}; is also declared by stack staging; the Atlas operator, its credential and the previews are one per Atlas project (64b7f3a1c2d4e5f6a7b8c9d0): exactly one stack, the one that owns the Kubernetes cluster, declares them',
      'atlas-access:admission: got {"alsoDeclaredBy":"staging"}; is also declared by stack staging; Kyverno and its policies are cluster-wide, so two stacks would fight over them: exactly one stack, the one that owns the previews, declares them',
    ]);
  });

  it("accepts a third stack that owns nothing another stack owns", () => {
    const stacks = { staging: engineValues("staging"), prod: engineValues("prod"), draft: engineValues("staging") };
    const { environment, atlas } = stacks.draft;
    stacks.draft = { environment, atlas };
    expect(problemsAcross(stacks, "draft")).toEqual([]);
    expect(problemsAcross(stacks, "staging")).toEqual([]);
  });
});
