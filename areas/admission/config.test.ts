/**
 * `atlas-access:admission`: the deployers, the engine, and the rule that puts the section exactly where the previews
 * are. Pure config tests on the staging stack's values.
 */
import { stackConfig, stackProblems } from "../../test/support/config";
import { deployerIdentities } from "./policies";

type Admission = { deployers: Record<string, unknown>; engine?: string };
const withAdmission = (change: (a: Admission) => void) => (cfg: Record<string, unknown>) =>
  change(cfg.admission as Admission);

describe("admission config", () => {
  test("the staging stack names its deployer and defaults nothing else away", () => {
    const admission = stackConfig("staging").admission;
    expect(admission).toEqual({
      deployers: { users: ["github-deployer@syrf-staging.iam.gserviceaccount.com"], groups: [], serviceAccounts: [] },
      engine: "kyverno",
      kyvernoChartVersion: "3.9.0",
      kyvernoNamespace: "kyverno",
    });
  });

  test("service accounts become their usernames; users and groups stay as they are", () => {
    expect(
      deployerIdentities({
        users: ["ci@example.com"],
        groups: ["deployers"],
        serviceAccounts: ["ci/preview-deployer"],
      }),
    ).toEqual({
      deployerUsers: ["ci@example.com", "system:serviceaccount:ci:preview-deployer"],
      deployerGroups: ["deployers"],
    });
  });

  test("the native engine is accepted, another one is not", () => {
    expect(
      stackConfig(
        "staging",
        withAdmission((a) => (a.engine = "native")),
      ).admission?.engine,
    ).toBe("native");
    expect(
      stackProblems(
        "staging",
        withAdmission((a) => (a.engine = "gatekeeper")),
      ),
    ).toEqual(['atlas-access:admission.engine: got "gatekeeper"; must be one of kyverno, native']);
  });

  test.each([
    [
      { users: [] },
      'atlas-access:admission.deployers: got {"users":[],"groups":[],"serviceAccounts":[]}; must name at least one user, group or service account: without deployers nobody may write Atlas resources',
    ],
    [
      { groups: ["system:authenticated"] },
      'atlas-access:admission.deployers.groups[0]: got "system:authenticated"; is a group every user, node or service account (of a namespace) belongs to; never one of system:authenticated, system:unauthenticated, system:serviceaccounts, system:nodes or system:serviceaccounts:<namespace>',
    ],
    [
      { groups: ["system:serviceaccounts:ci"] },
      'atlas-access:admission.deployers.groups[0]: got "system:serviceaccounts:ci"; is a group every user, node or service account (of a namespace) belongs to; never one of system:authenticated, system:unauthenticated, system:serviceaccounts, system:nodes or system:serviceaccounts:<namespace>',
    ],
    [
      { users: ["system:serviceaccount:ci:deployer"] },
      'atlas-access:admission.deployers.users[0]: got "system:serviceaccount:ci:deployer"; is a service account: list it under serviceAccounts as <namespace>/<name>',
    ],
    [
      { users: ["ci deployer"] },
      'atlas-access:admission.deployers.users[0]: got "ci deployer"; must be a Kubernetes username or group: letters, digits and @ . _ : + # / = -, 1-253 characters',
    ],
    [
      { serviceAccounts: ["deployer"] },
      'atlas-access:admission.deployers.serviceAccounts[0]: got "deployer"; must be <namespace>/<name>, e.g. ci/preview-deployer',
    ],
  ])("refuses deployers %j", (deployers, message) => {
    expect(
      stackProblems(
        "staging",
        withAdmission((a) => (a.deployers = deployers)),
      ),
    ).toEqual([message]);
  });

  test("the section is required with previews: nobody would be named to write Atlas resources", () => {
    expect(
      stackProblems("staging", (cfg) => {
        delete cfg.admission;
      }),
    ).toEqual([
      "atlas-access:admission: got nothing; must be set with atlas-access:previews: set admission.deployers to the identities that deploy the previews (only they may write Atlas resources in preview namespaces)",
    ]);
  });
});
