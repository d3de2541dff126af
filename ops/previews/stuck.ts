/**
 * The cluster side of the scheduled self-healing check: preview namespaces stuck in Terminating because an
 * `AtlasDatabaseUser` in them keeps the operator's finalizer (the operator no longer watches the namespace, so nobody
 * removes it, and the Atlas user stays). Pure, over the output of
 * `kubectl get namespaces,atlasdatabaseusers.atlas.mongodb.com -A -o json`.
 */
import { isPreviewNamespace } from "../../domain/kubernetes";

/** The operator's finalizer on the resources it manages (mongodb/mongodb-atlas-kubernetes, `internal/controller/customresource/finalizer.go`). */
export const OPERATOR_FINALIZER = "mongodbatlas/finalizer";

interface KubeObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string; finalizers?: string[]; deletionTimestamp?: string };
  status?: { phase?: string };
}

export interface StuckNamespace {
  namespace: string;
  /** When the namespace's deletion was requested. */
  since: string;
  /** The `AtlasDatabaseUser` objects that keep the finalizer. */
  users: string[];
}

/** Every preview namespace in Terminating with an `AtlasDatabaseUser` holding the operator's finalizer. */
export function stuckNamespaces(list: { items?: KubeObject[] }): StuckNamespace[] {
  if (!Array.isArray(list.items)) {
    throw new Error(
      "expected the JSON of `kubectl get namespaces,atlasdatabaseusers.atlas.mongodb.com -A -o json` (a List with items)",
    );
  }
  const held = new Map<string, string[]>();
  for (const o of list.items) {
    if (o.kind !== "AtlasDatabaseUser" || !o.metadata?.namespace) continue;
    if (!(o.metadata.finalizers ?? []).includes(OPERATOR_FINALIZER)) continue;
    held.set(o.metadata.namespace, [...(held.get(o.metadata.namespace) ?? []), o.metadata.name ?? "?"]);
  }
  return list.items
    .filter((o) => o.kind === "Namespace" && o.status?.phase === "Terminating")
    .map((o) => o.metadata?.name ?? "")
    .filter((ns) => isPreviewNamespace(ns) && held.has(ns))
    .sort()
    .map((ns) => {
      const meta = list.items?.find((o) => o.kind === "Namespace" && o.metadata?.name === ns)?.metadata;
      return { namespace: ns, since: meta?.deletionTimestamp ?? "unknown", users: held.get(ns) ?? [] };
    });
}

/** Markdown for the job summary: one line per stuck namespace with what to do, or that none is stuck. */
export function stuckReport(stuck: readonly StuckNamespace[]): string[] {
  if (stuck.length === 0) return ["No preview namespace is stuck in Terminating."];
  return [
    `${stuck.length} preview namespace(s) stuck in Terminating: an AtlasDatabaseUser keeps the operator's finalizer ${OPERATOR_FINALIZER} (its Atlas user may still exist). Recover by hand: README, "A stuck namespace".`,
    ...stuck.map((s) => `- \`${s.namespace}\` since ${s.since}: ${s.users.map((u) => `\`${u}\``).join(", ")}`),
  ];
}
