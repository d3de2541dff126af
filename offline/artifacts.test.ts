/** `resources.json`: every registration in engine order with what it waits for (`type:name`), secrets redacted. */
import { renderArtifacts } from "./artifacts";
import { type Registration, SECRET_SIG, SECRET_SIG_VALUE } from "./registrations";

const reg = (
  type: string,
  name: string,
  dependencies: string[],
  inputs: Record<string, unknown> = {},
): Registration => ({
  type,
  name,
  parent: null,
  parentType: null,
  custom: true,
  inputs,
  protect: false,
  retainOnDelete: false,
  dependsOn: dependencies.map((d) => d.split(":").pop() as string),
  dependencies,
});

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
