/**
 * The files a reviewer reads in `out/<stack>/`: every registration (secrets redacted), IAM and resource policies
 * as JSON, Kubernetes objects as YAML (those of the preview namespaces in one file), CloudWatch metric-filter patterns. Pure: registrations in, files out.
 */
import { dump } from "js-yaml";
import { isPreviewNamespace } from "../domain/kubernetes";
import type { Registration } from "./registrations";
import { redactSecrets } from "./registrations";

const POLICY_INPUTS = ["assumeRolePolicy", "policy"];

function tryJson(text: unknown): unknown {
  if (typeof text !== "string") return typeof text === "object" ? text : undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * YAML text of one object. js-yaml's emitter, not `yaml`'s (which parses the stack files, with positions): it writes
 * the same documents four times faster, about 0.4 s of the plan at 500 previews. Keys in insertion order, no anchors,
 * no line folding.
 */
const toYaml = (value: unknown): string => dump(value, { noRefs: true, lineWidth: -1 });

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");
const shortType = (type: string) => type.split(":").pop() ?? type;

/**
 * Every object of the preview namespaces (the Namespace itself included), in registration order: one file, so that a
 * preview opening or closing reads as one section added or removed, and hundreds of previews are not thousands of
 * files (each file costs about a millisecond to create, most of the plan's time at 500 previews).
 */
export const PREVIEWS_FILE = "kubernetes/previews.yaml";

/** Kubernetes objects are registered with their manifest as inputs; helm releases with their values. */
function kubernetesFile(r: Registration, inputs: Record<string, unknown>): [string, string] | undefined {
  if (r.type === "kubernetes:helm.sh/v3:Release") {
    const { values, ...release } = inputs;
    return [`kubernetes/helm-release-${fileSafe(r.name)}.yaml`, toYaml({ release, values })];
  }
  if (typeof inputs.apiVersion !== "string" || typeof inputs.kind !== "string") return undefined;
  const metadata = (inputs.metadata ?? {}) as { name?: string; namespace?: string };
  const namespace = inputs.kind === "Namespace" ? metadata.name : metadata.namespace;
  if (namespace !== undefined && isPreviewNamespace(namespace)) return [PREVIEWS_FILE, toYaml(inputs)];
  const ns = metadata.namespace ? `${metadata.namespace}-` : "";
  return [`kubernetes/${fileSafe(`${inputs.kind}-${ns}${metadata.name ?? r.name}`)}.yaml`, toYaml(inputs)];
}

export function renderArtifacts(registrations: readonly Registration[]): Map<string, string> {
  const files = new Map<string, string>();
  const redacted = registrations.map((r) => redactSecrets(r.inputs) as Record<string, unknown>);
  files.set(
    "resources.json",
    JSON.stringify(
      registrations.map((r, i) => ({
        type: r.type,
        name: r.name,
        parent: r.parent,
        // What it waits for (`type:name`), so the order of creation is reviewable: registration follows it.
        dependsOn: r.dependencies,
        inputs: redacted[i],
      })),
      null,
      2,
    ) + "\n",
  );
  const filters: string[] = [];
  const previews: string[] = [];
  registrations.forEach((r, i) => {
    const inputs = redacted[i] as Record<string, unknown>;
    if (r.type.startsWith("aws:")) {
      for (const key of POLICY_INPUTS) {
        const doc = tryJson(inputs[key]);
        if (doc !== undefined)
          files.set(
            `aws/${fileSafe(`${shortType(r.type)}-${r.name}`)}.${key}.json`,
            JSON.stringify(doc, null, 2) + "\n",
          );
      }
    }
    if (r.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter") {
      filters.push(`# ${r.name}\n${String(r.inputs.pattern)}\n`);
    }
    if (r.type.startsWith("kubernetes:")) {
      const file = kubernetesFile(r, inputs);
      if (file?.[0] === PREVIEWS_FILE) previews.push(file[1]);
      else if (file) files.set(...file);
    }
  });
  if (filters.length > 0) files.set("aws/metric-filter-patterns.txt", filters.join("\n"));
  if (previews.length > 0) files.set(PREVIEWS_FILE, previews.join("---\n"));
  return files;
}
