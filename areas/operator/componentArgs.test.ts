/**
 * The operator area's components check their own arguments before they create anything: every problem at once, each
 * naming the argument, the bad value and the fix.
 */
import { AtlasOperator } from "./AtlasOperator";
import { NS } from "./fixtures/registrations";
import { OperatorCredential } from "./OperatorCredential";
import { OperatorCrds } from "./OperatorCrds";
import { PreviewNamespaces } from "./PreviewNamespaces";
import { PreviewUsers } from "./PreviewUsers";

describe("bad input registers nothing", () => {
  it("the components check their own args before creating anything", () => {
    const credential = { clientId: "x", clientSecret: "y" };
    const base = {
      namespace: NS,
      chartVersion: "2.15.1",
      orgId: "o",
      atlasProjectName: "p",
      projectId: "p",
      credential,
      dependsOn: [],
    };
    const header = (component: string) => `${component} "t": invalid arguments; nothing was created:\n`;
    expect(() => new AtlasOperator("t", { ...base, watchNamespaces: [] })).toThrow(
      new Error(
        header("AtlasOperator") +
          `  - args.watchNamespaces: got []; must list at least the operator's own namespace ["${NS}"]: an empty list makes the operator cluster-wide (a ClusterRole reading every Secret)`,
      ),
    );
    expect(() => new AtlasOperator("t", { ...base, watchNamespaces: [NS, "pr-*"] })).toThrow(
      new Error(
        header("AtlasOperator") +
          '  - args.watchNamespaces[1]: got "pr-*"; must be an exact namespace name; the operator matches names exactly, list each namespace (e.g. pr-123)',
      ),
    );
    expect(() => new OperatorCrds("t", { namespace: "pr-3", chartVersion: "^2.15" })).toThrow(
      new Error(
        header("OperatorCrds") +
          '  - args.namespace: got "pr-3"; must be a Kubernetes namespace name that is not a preview namespace pr-<N>, e.g. mongodb-atlas-system\n' +
          '  - args.chartVersion: got "^2.15"; must be an exact version such as "2.15.1"',
      ),
    );
    const rotation = { rotatedOn: "2026-11-30" };
    expect(
      () => new OperatorCredential("t", { orgId: "o", projectId: "p", accessList: ["0.0.0.0/0"], rotation }),
    ).toThrow(
      new Error(
        header("OperatorCredential") +
          '  - args.accessList[0]: got "0.0.0.0/0"; is open to the whole internet; list the cluster\'s egress addresses instead',
      ),
    );
    expect(
      () =>
        new OperatorCredential("t", {
          orgId: "o",
          projectId: "p",
          accessList: ["203.0.113.16/29"],
          rotation: { rotatedOn: "30.11.2026", rotateEveryDays: 80 },
        }),
    ).toThrow(
      new Error(
        header("OperatorCredential") +
          '  - args.rotation.rotatedOn: got "30.11.2026"; must be the day of the last rotation as YYYY-MM-DD, e.g. 2026-11-30\n' +
          "  - args.rotation.rotateEveryDays: got 80; must be a whole number of days that leaves at least 14 days of the secret's lifetime (2160 hours) after it",
      ),
    );
    expect(
      () =>
        new PreviewNamespaces("t", {
          previews: [
            { number: 1, state: "open" },
            { number: 1, state: "closing" },
            { number: 0, state: "open" },
          ],
        }),
    ).toThrow(
      new Error(
        header("PreviewNamespaces") +
          "  - args.previews[1].number: got 1; is listed twice; list it once, either open or closing\n" +
          "  - args.previews[2].number: got 0; must be a positive whole pull request number, e.g. 123",
      ),
    );
    const users = {
      open: [],
      closing: [],
      namespaces: new Map(),
      databasePrefix: "syrf_pr_",
      usernamePrefix: "syrf_pr_",
      clusters: ["c"],
      protectedDatabases: ["syrf_staging"],
      projectRef: { name: "p", namespace: NS },
      dependsOn: [],
    };
    expect(() => new PreviewUsers("t", { ...users, open: [4, 5], closing: [5] })).toThrow(
      new Error(
        header("PreviewUsers") +
          "  - args.closing[0]: got 5; is listed twice; list it once, either open or closing\n" +
          "  - args.open[0]: got 4; has no Namespace in args.namespaces; declare it with PreviewNamespaces first\n" +
          "  - args.open[1]: got 5; has no Namespace in args.namespaces; declare it with PreviewNamespaces first",
      ),
    );
    expect(() => new PreviewUsers("t", { ...users, databasePrefix: "syrf_", clusters: [] })).toThrow(
      new Error(
        header("PreviewUsers") +
          "  - args.clusters: got []; must name the preview cluster(s): without scopes a user reaches every cluster\n" +
          '  - args.databasePrefix: got "syrf_"; begins the protected database "syrf_staging"; choose a prefix that begins none of syrf_staging, admin, local, config',
      ),
    );
  });
});
