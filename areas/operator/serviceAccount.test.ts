import { operatorServiceAccount, operatorServiceAccountName } from "./serviceAccount";

describe("the operator's service account, as the chart's serviceAccountName helper derives it", () => {
  test.each([
    [{}, "mongodb-atlas-operator"],
    [{ nameOverride: "ako" }, "ako"],
    [{ serviceAccount: { name: "atlas" } }, "atlas"],
    [{ nameOverride: "ako", serviceAccount: { create: true, name: "" } }, "ako"],
    [{ serviceAccount: { create: false } }, "default"],
    [{ serviceAccount: { create: false, name: "existing" } }, "existing"],
  ])("values %j → %s", (values, name) => {
    expect(operatorServiceAccountName(values)).toBe(name);
  });

  test("the username is system:serviceaccount:<namespace>:<name>", () => {
    // The staging stack's registrations prove the release's values keep the default (areas/admission/Admission.test.ts).
    expect(operatorServiceAccount("mongodb-atlas-system", {})).toBe(
      "system:serviceaccount:mongodb-atlas-system:mongodb-atlas-operator",
    );
  });
});
