import { z } from "zod";
import type { AddIssue, StackConfig } from "../../program/config";
import { strictObject } from "../../config/schema";

/**
 * `atlas-access:admission`: Kyverno and the admission policies that confine Atlas resources in preview namespaces
 * (components/kubernetes/admission, admission/). Only used in the stack that owns the operator and previews.
 */
export const admissionSchema = strictObject({
  /**
   * Pinned `kyverno` Helm chart version (https://kyverno.github.io/kyverno/). 3.9.x ships Kyverno 1.19.x, the release
   * the policies and their CRD schema were checked against. @default "3.9.0"
   */
  kyvernoChartVersion: z
    .string()
    .regex(/^3\.9\.[0-9]+$/, {
      error: "must be an exact kyverno chart version 3.9.<patch> (Kyverno 1.19.x), e.g. 3.9.0; ranges are not allowed",
    })
    .default("3.9.0"),
  /** Namespace Kyverno is installed in (Kyverno excludes its own namespace from its webhooks). @default "kyverno" */
  kyvernoNamespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: "must be a Kubernetes namespace name, e.g. kyverno" })
    .refine((ns) => !/^pr-[0-9]+$/.test(ns), {
      error: "must not be a preview namespace pr-<N>: Kyverno exempts its own namespace",
    })
    .default("kyverno"),
});
export type AdmissionConfig = z.infer<typeof admissionSchema>;

/** Admission settings only take effect in the stack that owns the previews: anywhere else they would be ignored. */
export function checkAdmission(cfg: StackConfig, add: AddIssue): void {
  // Previews without the operator are refused by their own rule (stacks/schema/kubernetes.ts), once.
  if (cfg.admission !== undefined && cfg.previews === undefined) {
    add(
      ["admission"],
      cfg.admission,
      "has no effect: Kyverno and the admission policies are declared only in the stack that owns the previews (atlas-access:previews); remove it here",
    );
  }
}
