/**
 * `atlas-access:admission`: Kyverno and the admission policies that confine Atlas resources in preview namespaces.
 * Only used in the stack that owns the operator and the previews.
 */
import { z } from "zod";
import { rule } from "../../config/rules";
import { strictObject } from "../../config/schema";
import { NAMESPACE_NAME, isPreviewNamespace } from "../../domain/kubernetes";

/** Chart 3.9.x = Kyverno 1.19.x, against which the policies and the ValidatingPolicy CRD schema were checked. */
export const KYVERNO_CHART_VERSION = /^3\.9\.[0-9]+$/;
export const DEFAULT_KYVERNO_CHART_VERSION = "3.9.0";
/** The namespace Kyverno is installed in unless configured. */
export const DEFAULT_KYVERNO_NAMESPACE = "kyverno";

export const admissionSchema = strictObject({
  /**
   * Pinned `kyverno` Helm chart version (https://kyverno.github.io/kyverno/). 3.9.x ships Kyverno 1.19.x, the release
   * the policies and their CRD schema were checked against. @default "3.9.0"
   */
  kyvernoChartVersion: z
    .string()
    .regex(KYVERNO_CHART_VERSION, {
      error: "must be an exact kyverno chart version 3.9.<patch> (Kyverno 1.19.x), e.g. 3.9.0; ranges are not allowed",
    })
    .default(DEFAULT_KYVERNO_CHART_VERSION),
  /** Namespace Kyverno is installed in (Kyverno excludes its own namespace from its webhooks). @default "kyverno" */
  kyvernoNamespace: z
    .string()
    .regex(NAMESPACE_NAME, { error: "must be a Kubernetes namespace name, e.g. kyverno" })
    .refine((ns) => !isPreviewNamespace(ns), {
      error: "must not be a preview namespace pr-<N>: Kyverno exempts its own namespace",
    })
    .default(DEFAULT_KYVERNO_NAMESPACE),
});
export type AdmissionConfig = z.infer<typeof admissionSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const admissionSections = {
  /** Kyverno and the admission policies confining Atlas resources in preview namespaces. */
  admission: admissionSchema.optional(),
};

/** What the admission rules read. */
export interface AdmissionRuleInput {
  admission?: AdmissionConfig;
  previews?: unknown;
}

export const admissionRules = [
  rule<AdmissionRuleInput>({
    name: "admission only where the previews are",
    reads: ["admission", "previews"],
    check({ admission, previews }, add) {
      // Previews without the operator are refused by their own rule (areas/operator/config.ts), once.
      if (admission !== undefined && previews === undefined) {
        add(
          ["admission"],
          admission,
          "has no effect: Kyverno and the admission policies are declared only in the stack that owns the previews (atlas-access:previews); remove it here",
        );
      }
    },
  }),
];
