import * as pulumi from "@pulumi/pulumi";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import {
  type PreviewState,
  RESTRICTED_LABELS,
  previewNamespace,
  previewNamespaceLabels,
} from "../../domain/kubernetes";
import { ArgsCheck } from "../component";

export interface PreviewSpec {
  /** Pull request number (positive integer). */
  number: number;
  /** `open`: namespace, password and user. `closing`: namespace only, so the operator deletes the user while still watching it. */
  state: PreviewState;
}

export interface PreviewNamespacesArgs {
  /** Every preview, open or closing; each number once. */
  previews: PreviewSpec[];
  /**
   * What every namespace waits for: the admission policies, Ready, so that nothing lands in a preview namespace
   * before the policies that judge it are enforced. @default []
   */
  dependsOn?: pulumi.Resource[];
}

/**
 * `atlas-access:kubernetes:PreviewNamespaces`: per open or closing pull request a namespace `pr-<N>` (Pod Security
 * restricted, labelled). Registered before the operator release, which renders a Role into each of them.
 */
export class PreviewNamespaces extends pulumi.ComponentResource {
  /** Each preview's Namespace, by pull request number. */
  public readonly namespaces: ReadonlyMap<number, corev1.Namespace>;

  constructor(name: string, args: PreviewNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
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
    check.throwIfAny("PreviewNamespaces", name);
    super("atlas-access:kubernetes:PreviewNamespaces", name, {}, opts);

    const namespaces = new Map<number, corev1.Namespace>();
    for (const { number: pr, state } of [...args.previews].sort((a, b) => a.number - b.number)) {
      const nsName = previewNamespace(pr);
      namespaces.set(
        pr,
        new corev1.Namespace(
          nsName,
          { metadata: { name: nsName, labels: { ...RESTRICTED_LABELS, ...previewNamespaceLabels(pr, state) } } },
          { parent: this, dependsOn: args.dependsOn },
        ),
      );
    }
    this.namespaces = namespaces;
    this.registerOutputs({});
  }
}
