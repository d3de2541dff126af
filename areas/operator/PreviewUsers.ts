import * as pulumi from "@pulumi/pulumi";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as random from "@pulumi/random";
import type { AccessSummary } from "../../domain/summary";
import { SYSTEM_DATABASES } from "../../domain/atlas";
import {
  CREDENTIALS_LABEL,
  PREVIEW_LABEL,
  RESOURCE_POLICY_ANNOTATION,
  previewDatabase,
  previewNamespace,
  previewNamespaceLabels,
  previewUsername,
} from "../../domain/kubernetes";
import { ArgsCheck } from "../component";

/** Name of the password Secret in each preview namespace. */
export const PASSWORD_SECRET_NAME = "atlas-user-password";
/** Without this annotation the operator only forgets the user when the CR goes: the Atlas user would stay. */
export const DELETE_POLICY = { [RESOURCE_POLICY_ANNOTATION]: "delete" } as const;

export interface PreviewUsersArgs {
  /** Open pull requests: each gets a password Secret and an `AtlasDatabaseUser` in its namespace. */
  open: number[];
  /** Closing pull requests: no user (this update deletes it while the namespace is still watched); summary only. */
  closing: number[];
  /** The Namespace of every open preview (from {@link PreviewNamespaces}). */
  namespaces: ReadonlyMap<number, corev1.Namespace>;
  /** `<databasePrefix><N>` is the only database a preview user reaches. */
  databasePrefix: string;
  /** `<usernamePrefix><N>_app` is the preview's Atlas username. */
  usernamePrefix: string;
  /** Clusters the users are scoped to (`CLUSTER` scopes); at least one. */
  clusters: string[];
  /** Databases no preview user may ever reach (prod, staging); `admin`, `local`, `config` are always added. */
  protectedDatabases: string[];
  /** The `AtlasProject` reference in the operator namespace (never a credential Secret in the preview namespace). */
  projectRef: { name: string; namespace: string };
  /**
   * What every user waits for: the operator release watching its namespace and the `AtlasProject` reference. On
   * deletion the order reverses, so a user is always deleted while the operator still runs and watches it.
   */
  dependsOn: pulumi.Resource[];
}

/** The `AtlasDatabaseUser` of one open preview, as plain data (the tests validate it against the real CRD). */
export function previewUserSpec(
  args: Pick<PreviewUsersArgs, "databasePrefix" | "usernamePrefix" | "clusters" | "projectRef">,
  pr: number,
) {
  return {
    projectRef: { ...args.projectRef },
    username: previewUsername(args.usernamePrefix, pr),
    databaseName: "admin",
    passwordSecretRef: { name: PASSWORD_SECRET_NAME },
    roles: [{ roleName: "readWrite", databaseName: previewDatabase(args.databasePrefix, pr) }],
    scopes: args.clusters.map((name) => ({ name, type: "CLUSTER" })),
    description: `Preview user of pull request #${pr} (atlas-access)`,
  };
}

/**
 * `atlas-access:kubernetes:PreviewUsers`: per open pull request a generated password Secret and an
 * `AtlasDatabaseUser` with `readWrite` on `<prefix><N>` only, registered after the operator release that watches the
 * preview's namespace.
 */
export class PreviewUsers extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;

  constructor(name: string, args: PreviewUsersArgs, opts?: pulumi.ComponentResourceOptions) {
    validatePreviewUsersArgs(name, args);
    super("atlas-access:kubernetes:PreviewUsers", name, {}, opts);
    const scopes = args.clusters.join(", ");
    const lines: string[] = [];
    const rows = [
      ...args.open.map((pr) => ({ pr, open: true })),
      ...args.closing.map((pr) => ({ pr, open: false })),
    ].sort((a, b) => a.pr - b.pr);
    for (const { pr, open } of rows) {
      const nsName = previewNamespace(pr);
      const spec = previewUserSpec(args, pr);
      if (!open) {
        lines.push(
          `${nsName} (closing): namespace ${nsName} still watched; user ${spec.username} deleted from Atlas by the operator; dropped at the next run`,
        );
        continue;
      }
      const ns = args.namespaces.get(pr) as corev1.Namespace;
      const password = new random.RandomPassword(
        `${nsName}-password`,
        { length: 40, special: false },
        { parent: this },
      );
      const secret = new corev1.Secret(
        `${nsName}-password`,
        {
          metadata: {
            name: PASSWORD_SECRET_NAME,
            namespace: ns.metadata.name,
            labels: { ...CREDENTIALS_LABEL, [PREVIEW_LABEL]: "true" },
          },
          type: "Opaque",
          stringData: pulumi.secret({ password: password.result }),
        },
        { parent: this, dependsOn: args.dependsOn },
      );
      new apiextensions.CustomResource(
        `${nsName}-user`,
        {
          apiVersion: "atlas.mongodb.com/v1",
          kind: "AtlasDatabaseUser",
          metadata: {
            name: nsName,
            namespace: ns.metadata.name,
            labels: previewNamespaceLabels(pr, "open"),
            annotations: { ...DELETE_POLICY },
          },
          spec,
        },
        { parent: this, dependsOn: [...args.dependsOn, secret] },
      );
      lines.push(
        `${nsName} (open): namespace ${nsName}, user ${spec.username}, readWrite@${spec.roles[0]?.databaseName} only, cluster(s) ${scopes}`,
      );
    }
    if (lines.length === 0) lines.push("no previews");
    this.summary = { component: "atlas-access:kubernetes:PreviewUsers", name, lines };
    this.registerOutputs({});
  }
}

function validatePreviewUsersArgs(name: string, args: PreviewUsersArgs): void {
  const check = new ArgsCheck();
  const seen = new Set<number>();
  [...args.open.map((n, i) => [n, `open[${i}]`] as const), ...args.closing.map((n, i) => [n, `closing[${i}]`] as const)]
    .filter(([n, arg]) => {
      if (!Number.isSafeInteger(n) || n <= 0) {
        check.bad(arg, n, "must be a positive whole pull request number, e.g. 123");
        return false;
      }
      return true;
    })
    .forEach(([n, arg]) => {
      if (seen.has(n)) check.bad(arg, n, "is listed twice; list it once, either open or closing");
      seen.add(n);
    });
  args.open.forEach((n, i) => {
    if (Number.isSafeInteger(n) && n > 0 && !args.namespaces.has(n)) {
      check.bad(`open[${i}]`, n, "has no Namespace in args.namespaces; declare it with PreviewNamespaces first");
    }
  });
  check.expect(
    args.clusters.length > 0,
    "clusters",
    args.clusters,
    "must name the preview cluster(s): without scopes a user reaches every cluster",
  );
  const protectedDbs = [...args.protectedDatabases, ...SYSTEM_DATABASES];
  const hit = protectedDbs.find((db) => db.startsWith(args.databasePrefix));
  if (hit !== undefined) {
    check.bad(
      "databasePrefix",
      args.databasePrefix,
      `begins the protected database "${hit}"; choose a prefix that begins none of ${protectedDbs.join(", ")}`,
    );
  }
  check.throwIfAny("PreviewUsers", name);
}
