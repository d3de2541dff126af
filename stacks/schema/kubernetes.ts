import { z } from "zod";
import type { AddIssue, StackConfig } from "../config";
import { clusterName, strictObject } from "./common";

/**
 * The Atlas Kubernetes Operator (only in the stack that owns the Kubernetes cluster) and per-pull-request previews.
 * The shape is shared with the admission-policy component; the operator issue owns the validation rules.
 */
export const operatorSchema = strictObject({
  /** Namespace the operator runs in (also watched). @default "mongodb-atlas-system" */
  namespace: z.string().default("mongodb-atlas-system"),
  /** Pinned `mongodb-atlas-operator` chart version. @default "2.15.1" */
  chartVersion: z.string().default("2.15.1"),
});
export type OperatorConfig = z.infer<typeof operatorSchema>;

export const previewsSchema = strictObject({
  /** Open pull requests, each getting namespace `pr-<N>` and a user on `<databasePrefix><N>`. */
  pullRequests: z.array(z.number()),
  /** Pull requests being closed: still watched so the operator can delete their users (see the operator README). */
  closing: z.array(z.number()).default([]),
  /** Upper bound on `pullRequests.length`. */
  maxPreviews: z.number(),
  /** Database name prefix, e.g. `syrf_pr_` gives `syrf_pr_123`. */
  databasePrefix: z.string(),
  /** Atlas username prefix, e.g. `syrf_pr_` gives `syrf_pr_123_app` (see the operator README). */
  usernamePrefix: z.string(),
  /** The cluster(s) preview users may reach. */
  clusters: z.array(clusterName),
});
export type PreviewsConfig = z.infer<typeof previewsSchema>;

export const kubernetesSections = {
  operator: operatorSchema.optional(),
  previews: previewsSchema.optional(),
};

export function checkKubernetes(_cfg: StackConfig, _add: AddIssue): void {}
