import { CORPUS_PARAMS } from "../../../offline/admission/corpus";
import { AdmissionParamsError, admissionParamsProblems, buildAdmissionPolicies } from "./index";
import type { AdmissionPolicyParams, ParamProblem } from "./index";

describe("bad generator parameters", () => {
  const problems = (patch: Partial<AdmissionPolicyParams>) => admissionParamsProblems({ ...CORPUS_PARAMS, ...patch });
  const line = (p: ParamProblem) => `${p.param}: got ${JSON.stringify(p.value)}; ${p.fix}`;

  test("the corpus parameters have no problem", () => {
    expect(admissionParamsProblems(CORPUS_PARAMS)).toEqual([]);
  });

  test.each([
    [
      { databasePrefix: "syrf'pr_" },
      `databasePrefix: got "syrf'pr_"; must be lowercase letters, digits and '_', starting with a letter (e.g. syrf_pr_)`,
    ],
    [
      { previewClusters: [] },
      "previewClusters: got []; must be a non-empty list, each an Atlas cluster name: letters, digits and '-', 1-64 characters",
    ],
    [
      { previewClusters: ["ok", "bad name"] },
      `previewClusters[1]: got "bad name"; must be an Atlas cluster name: letters, digits and '-', 1-64 characters`,
    ],
    [
      { protectedDatabases: ["syrftest", "Syrf-Staging"] },
      `protectedDatabases[1]: got "Syrf-Staging"; must be a database name: lowercase letters, digits and '_', starting with a letter, at most 63 characters`,
    ],
    [{ operatorNamespace: "pr-1" }, `operatorNamespace: got "pr-1"; must not look like a preview namespace pr-<N>`],
    [
      { operatorNamespace: "Atlas_System" },
      `operatorNamespace: got "Atlas_System"; must be a Kubernetes namespace name (e.g. mongodb-atlas-system)`,
    ],
    [{ projectId: "xyz" }, `projectId: got "xyz"; must be the Atlas project id: 24 lowercase hexadecimal characters`],
    [
      { allowedRoles: ["readWrite", "dbAdmin"] },
      `allowedRoles: got ["readWrite","dbAdmin"]; must not contain dbAdmin: it is a dangerous role`,
    ],
    [
      { databasePrefix: "syrf", protectedDatabases: ["syrf1"] },
      `databasePrefix: got "syrf"; must not produce the protected database syrf1`,
    ],
  ] as const)("%j is refused with its message", (patch, message) => {
    expect(problems(patch as Partial<AdmissionPolicyParams>).map(line)).toEqual([message]);
  });

  test("every problem is reported at once, and buildAdmissionPolicies throws them all in one error", () => {
    const patch = { databasePrefix: "syrf", protectedDatabases: ["syrf1", "syrf2"], projectId: "xyz" };
    const message =
      "buildAdmissionPolicies: invalid parameters:\n" +
      `  - projectId: got "xyz"; must be the Atlas project id: 24 lowercase hexadecimal characters\n` +
      `  - databasePrefix: got "syrf"; must not produce the protected database syrf1\n` +
      `  - databasePrefix: got "syrf"; must not produce the protected database syrf2`;
    expect(() => buildAdmissionPolicies({ ...CORPUS_PARAMS, ...patch })).toThrow(
      new AdmissionParamsError(problems(patch)),
    );
    expect(() => buildAdmissionPolicies({ ...CORPUS_PARAMS, ...patch })).toThrow(message);
  });
});
