/**
 * What is deployed, read from the stack's state (`pulumi stack export`, Automation API `stack.exportStack()`): a
 * preview's `AtlasDatabaseUser` stays in the state until its deletion succeeded (the Kubernetes provider waits until
 * the object is gone, i.e. until the operator removed its finalizer), so the state says which users may still exist;
 * the operator release's values say which namespaces are watched; pending operations say an update was interrupted.
 * The stack's last outputs (`previewList`) say what the last update declared. Pure: the exported JSON in.
 */
import { isAtlasOperatorChart, isPreviewNamespace } from "../../domain/kubernetes";
import type { DeployedPreviews } from "./plan";

const USER_TYPE = "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser";
const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
const RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
const STACK_TYPE = "pulumi:pulumi:Stack";

interface StateResource {
  urn?: string;
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The exported deployment, as far as this reads it (`apitype.DeploymentV3` of the Pulumi CLI). */
export interface ExportedDeployment {
  version?: number;
  deployment?: {
    resources?: StateResource[];
    pending_operations?: { resource?: StateResource; type?: string }[];
  };
}

const prOf = (namespace: unknown): number | undefined =>
  typeof namespace === "string" && isPreviewNamespace(namespace) ? Number(namespace.slice(3)) : undefined;

const namespaceOf = (r: StateResource): unknown => {
  const meta = (r.outputs?.metadata ?? r.inputs?.metadata) as { namespace?: unknown; name?: unknown } | undefined;
  return r.type === NAMESPACE_TYPE ? meta?.name : meta?.namespace;
};

/** The previews the stack's state records. Throws when the export is not a deployment. */
export function deployedPreviews(exported: ExportedDeployment): DeployedPreviews & { declared?: unknown } {
  const resources = exported.deployment?.resources;
  if (!Array.isArray(resources)) {
    throw new Error("the stack export has no deployment.resources: is this the output of `pulumi stack export`?");
  }
  const users = new Set<number>();
  const watched = new Set<number>();
  for (const r of resources) {
    if (r.type === USER_TYPE) {
      const pr = prOf(namespaceOf(r));
      if (pr !== undefined) users.add(pr);
    }
    if (r.type === RELEASE_TYPE && isAtlasOperatorChart(String(r.inputs?.chart ?? ""))) {
      const values = r.inputs?.values as { watchNamespaces?: unknown } | undefined;
      for (const ns of Array.isArray(values?.watchNamespaces) ? values.watchNamespaces : []) {
        const pr = prOf(ns);
        if (pr !== undefined) watched.add(pr);
      }
    }
  }
  const pending: string[] = [];
  for (const op of exported.deployment?.pending_operations ?? []) {
    const r = op.resource ?? {};
    const pr = prOf(namespaceOf(r));
    const preview = (r.type === USER_TYPE || r.type === NAMESPACE_TYPE) && pr !== undefined;
    const release = r.type === RELEASE_TYPE;
    if (!preview && !release) continue;
    // A user being created or deleted may exist: count it as deployed, and stop until a person resolves it.
    if (r.type === USER_TYPE && pr !== undefined) users.add(pr);
    pending.push(`${op.type ?? "operation"} ${r.urn ?? r.type ?? "?"}`);
  }
  const stack = resources.find((r) => r.type === STACK_TYPE);
  const sort = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { users: sort(users), watched: sort(watched), pending, declared: stack?.outputs?.previewList };
}
