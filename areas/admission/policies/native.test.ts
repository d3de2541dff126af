import type {
  ValidatingAdmissionPolicyBindingSpec,
  ValidatingAdmissionPolicySpec,
} from "kubernetes-types/admissionregistration/v1";
import { CORPUS_PARAMS } from "../../../offline/admission/corpus";
import { admit } from "../../../offline/simulators/kyverno";
import { nativeDocuments } from "../../../offline/simulators/native";
import { buildAdmissionPolicies, nativePolicy } from "./index";

const policies = buildAdmissionPolicies(CORPUS_PARAMS);

describe("native engine: the same rules as Kubernetes ValidatingAdmissionPolicies", () => {
  test("each policy keeps its match rules, conditions, variables and validations; the binding carries Deny", () => {
    for (const p of policies) {
      const { policy, binding } = nativePolicy(p);
      const { validationActions, evaluation, ...rest } = p.manifest.spec;
      expect([p.name, evaluation, validationActions]).toEqual([p.name, { background: { enabled: false } }, ["Deny"]]);
      expect(policy).toEqual({
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicy",
        metadata: p.manifest.metadata,
        spec: rest,
      });
      expect(binding).toEqual({
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicyBinding",
        metadata: { name: p.name },
        spec: { policyName: p.name, validationActions: ["Deny"] },
      });
    }
  });

  test("the Kubernetes 1.30 API types refuse what is not theirs (checked by the type check of npm test)", () => {
    const kyvernoOnly: ValidatingAdmissionPolicySpec = {
      // @ts-expect-error validationActions belong to the binding in Kubernetes' API, not to the policy
      validationActions: ["Deny"],
    };
    const notAList: ValidatingAdmissionPolicySpec = {
      // @ts-expect-error matchConditions are a list of {name, expression}
      matchConditions: "request.namespace == 'pr-1'",
    };
    const bindingTypo: ValidatingAdmissionPolicyBindingSpec = {
      // @ts-expect-error the binding names its policy as policyName
      policy: "atlas-writers",
    };
    expect([kyvernoOnly, notAList, bindingTypo].length).toBe(3);
  });

  test("offline, a policy applies only through a binding naming it, with the binding's actions", () => {
    const [writers] = policies.map(nativePolicy);
    if (!writers) throw new Error("no policy");
    const stranger = {
      operation: "CREATE" as const,
      object: {
        apiVersion: "atlas.mongodb.com/v1",
        kind: "AtlasCustomRole",
        metadata: { name: "r", namespace: "pr-1" },
      },
      userInfo: { username: "dev@example.com" },
    };
    expect(admit(nativeDocuments([writers.policy], []), stranger).allowed).toBe(true);
    expect(admit(nativeDocuments([writers.policy], [writers.binding]), stranger).allowed).toBe(false);
    const audit = { ...writers.binding, spec: { ...writers.binding.spec, validationActions: ["Audit" as const] } };
    expect(admit(nativeDocuments([writers.policy], [audit]), stranger).allowed).toBe(true);
    expect(() =>
      nativeDocuments([], [{ metadata: { name: "b" }, spec: { policyName: "missing", validationActions: ["Deny"] } }]),
    ).toThrow("binding b names no policy: missing");
    expect(() =>
      nativeDocuments(
        [writers.policy],
        [
          {
            metadata: { name: "b" },
            spec: { ...writers.binding.spec, matchResources: {} } as ValidatingAdmissionPolicyBindingSpec,
          },
        ],
      ),
    ).toThrow("binding b: matchResources not supported by the offline harness");
  });
});
