/** The namespaces the operator watches: decided here, from config, so tests read exactly what is installed. */
import { previewNamespace } from "../../domain/kubernetes";

/**
 * The operator's `watchNamespaces`: its own namespace, then `pr-<N>` for every open AND closing preview, ascending.
 * Never empty (an empty list is cluster-wide mode: a ClusterRole that reads every Secret of the cluster).
 */
export function watchNamespaces(
  operator: { namespace: string },
  previews?: { open: readonly number[]; closing: readonly number[] },
): string[] {
  const prs = [...new Set([...(previews?.open ?? []), ...(previews?.closing ?? [])])].sort((a, b) => a - b);
  return [operator.namespace, ...prs.map(previewNamespace)];
}
