/**
 * The admission policies: Kyverno `policies.kyverno.io/v1` ValidatingPolicies (or, with the native engine, the same
 * rules as Kubernetes ValidatingAdmissionPolicies, `./native.ts`) that decide who writes Atlas resources where the
 * operator acts and confine every Atlas resource in a preview namespace `pr-<N>`, one folder per policy (`policies/<policy-name>/policy.ts`, its corpus cases, its rendered
 * YAML and its Kyverno CLI suite). Pure: parameters in, plain manifests out. The Pulumi component, the offline harness,
 * the attack corpus and the Kyverno CLI suites all use these exact objects.
 */
import { atlasPreviewDatabaseUsers } from "./atlas-preview-database-users/policy";
import { atlasPreviewOtherKinds } from "./atlas-preview-other-kinds/policy";
import { atlasUsersOutsidePreviews } from "./atlas-users-outside-previews/policy";
import { atlasWriters } from "./atlas-writers/policy";
import { validateAdmissionParams } from "./params";
import type { AdmissionPolicyParams } from "./params";
import type { AdmissionPolicy } from "./skeleton";

export * from "./native";
export * from "./params";
export * from "./skeleton";

/** Every admission policy, in a stable order. Throws `AdmissionParamsError` listing every bad parameter. */
export function buildAdmissionPolicies(params: AdmissionPolicyParams): AdmissionPolicy[] {
  validateAdmissionParams(params);
  return [
    atlasWriters(params),
    atlasPreviewDatabaseUsers(params),
    atlasPreviewOtherKinds(),
    atlasUsersOutsidePreviews(params),
  ];
}
