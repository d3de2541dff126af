import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import type { AccessSummary } from "../../domain/summary";
import { SYSTEM_DATABASES } from "../../domain/atlas";
import {
  CREDENTIALS_LABEL,
  PREVIEW_LABEL,
  type PreviewState,
  RESOURCE_POLICY_ANNOTATION,
  RESTRICTED_LABELS,
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

export interface PreviewSpec {
  /** Pull request number (positive integer). */
  number: number;
  /** `open`: namespace, password and user. `closing`: namespace only, so the operator deletes the user while still watching it. */
  state: PreviewState;
}

export interface PreviewsArgs {
  /** Every preview, open or closing; each number once. */
  previews: PreviewSpec[];
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
}

/** The `AtlasDatabaseUser` of one open preview, as plain data (the tests validate it against the real CRD). */
export function previewUserSpec(
  args: Pick<PreviewsArgs, "databasePrefix" | "usernamePrefix" | "clusters" | "projectRef">,
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
 * `atlas-access:kubernetes:Previews`: per pull request a namespace `pr-<N>` (Pod Security restricted), and while the
 * pull request is open a generated password Secret and an `AtlasDatabaseUser` with `readWrite` on `<prefix><N>` only.
 */
export class Previews extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;

  constructor(name: string, args: PreviewsArgs, opts?: pulumi.ComponentResourceOptions) {
    validatePreviewsArgs(name, args);
    super("atlas-access:kubernetes:Previews", name, {}, opts);
    const lines: string[] = [];
    const sorted = [...args.previews].sort((a, b) => a.number - b.number);
    for (const { number: pr, state } of sorted) {
      const nsName = previewNamespace(pr);
      const labels = previewNamespaceLabels(pr, state);
      const ns = new k8s.core.v1.Namespace(
        nsName,
        { metadata: { name: nsName, labels: { ...RESTRICTED_LABELS, ...labels } } },
        { parent: this },
      );
      const spec = previewUserSpec(args, pr);
      const scopes = args.clusters.join(", ");
      if (state === "closing") {
        lines.push(
          `${nsName} (closing): namespace ${nsName} still watched; user ${spec.username} deleted from Atlas by the operator; dropped at the next run`,
        );
        continue;
      }
      const password = new random.RandomPassword(
        `${nsName}-password`,
        { length: 40, special: false },
        { parent: this },
      );
      const secret = new k8s.core.v1.Secret(
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
        { parent: this },
      );
      new k8s.apiextensions.CustomResource(
        `${nsName}-user`,
        {
          apiVersion: "atlas.mongodb.com/v1",
          kind: "AtlasDatabaseUser",
          metadata: { name: nsName, namespace: ns.metadata.name, labels, annotations: { ...DELETE_POLICY } },
          spec,
        },
        { parent: this, dependsOn: [secret] },
      );
      lines.push(
        `${nsName} (open): namespace ${nsName}, user ${spec.username}, readWrite@${spec.roles[0]?.databaseName} only, cluster(s) ${scopes}`,
      );
    }
    if (lines.length === 0) lines.push("no previews");
    this.summary = { component: "atlas-access:kubernetes:Previews", name, lines };
    this.registerOutputs({});
  }
}

function validatePreviewsArgs(name: string, args: PreviewsArgs): void {
  const check = new ArgsCheck();
  const seen = new Set<number>();
  args.previews.forEach((p, i) => {
    if (!Number.isSafeInteger(p.number) || p.number <= 0) {
      check.bad(`previews[${i}].number`, p.number, "must be a positive whole pull request number, e.g. 123");
    } else if (seen.has(p.number)) {
      check.bad(`previews[${i}].number`, p.number, "is listed twice; list it once, either open or closing");
    }
    seen.add(p.number);
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
  check.throwIfAny("Previews", name);
}
