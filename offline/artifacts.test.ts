/** `resources.json`: every registration in engine order with what it waits for (`type:name`), secrets redacted. */
import { parseAllDocuments } from "yaml";
import { PREVIEWS_FILE, renderArtifacts } from "./artifacts";
import { SECRET_SIG, SECRET_SIG_VALUE, registration } from "./registrations";

const reg = (type: string, name: string, dependencies: string[], inputs: Record<string, unknown> = {}) =>
  registration({ type, name, inputs, dependsOn: dependencies.map((d) => d.split(":").pop() as string), dependencies });

describe("renderArtifacts: resources.json", () => {
  it("lists type, name, parent, dependsOn (type:name) and redacted inputs, in registration order", () => {
    const files = renderArtifacts([
      reg("kubernetes:core/v1:Namespace", "pr-7", []),
      reg("kubernetes:core/v1:Secret", "pr-7-password", ["kubernetes:core/v1:Namespace:pr-7"], {
        stringData: { [SECRET_SIG]: SECRET_SIG_VALUE, value: { password: "x" } },
      }),
    ]);
    expect(JSON.parse(files.get("resources.json") ?? "null")).toEqual([
      { type: "kubernetes:core/v1:Namespace", name: "pr-7", parent: null, dependsOn: [], inputs: {} },
      {
        type: "kubernetes:core/v1:Secret",
        name: "pr-7-password",
        parent: null,
        dependsOn: ["kubernetes:core/v1:Namespace:pr-7"],
        inputs: { stringData: "[secret]" },
      },
    ]);
  });
});

describe("renderArtifacts: Kubernetes objects", () => {
  const manifest = (kind: string, name: string, namespace?: string) => ({
    apiVersion: "v1",
    kind,
    metadata: namespace ? { name, namespace } : { name },
  });

  it("writes each preview namespace's objects into one stream, in registration order; every other object alone", () => {
    const files = renderArtifacts([
      reg("kubernetes:core/v1:Namespace", "pr-7", [], manifest("Namespace", "pr-7")),
      reg("kubernetes:core/v1:Namespace", "ops", [], manifest("Namespace", "ops")),
      reg("kubernetes:core/v1:ConfigMap", "pr-7-settings", [], manifest("ConfigMap", "settings", "pr-7")),
      reg("kubernetes:core/v1:Namespace", "pr-8", [], manifest("Namespace", "pr-8")),
      reg("kubernetes:core/v1:ConfigMap", "ops-settings", [], manifest("ConfigMap", "settings", "ops")),
    ]);
    expect([...files.keys()].filter((f) => f.startsWith("kubernetes/")).sort()).toEqual([
      "kubernetes/ConfigMap-ops-settings.yaml",
      "kubernetes/Namespace-ops.yaml",
      PREVIEWS_FILE,
    ]);
    const previews = parseAllDocuments(files.get(PREVIEWS_FILE) ?? "").map((d) => d.toJS() as object);
    expect(previews).toEqual([
      manifest("Namespace", "pr-7"),
      manifest("ConfigMap", "settings", "pr-7"),
      manifest("Namespace", "pr-8"),
    ]);
  });

  it("writes no preview file without previews", () => {
    const files = renderArtifacts([reg("kubernetes:core/v1:Namespace", "ops", [], manifest("Namespace", "ops"))]);
    expect(files.has(PREVIEWS_FILE)).toBe(false);
  });
});
