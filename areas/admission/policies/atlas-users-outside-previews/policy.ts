/**
 * `atlas-users-outside-previews`: Atlas database users (both kinds, any version) are refused in every namespace that
 * is neither a preview namespace `pr-<N>` nor the operator's namespace; production and staging users are managed
 * outside Kubernetes.
 */
import type { AdmissionPolicyParams } from "../params";
import { IN_PREVIEW_NAMESPACE, KIND_NAME, celString, validatingPolicy } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";

export const atlasUsersOutsidePreviews = (p: AdmissionPolicyParams): AdmissionPolicy =>
  validatingPolicy({
    name: "atlas-users-outside-previews",
    title: "Refuse Atlas users outside preview namespaces and the operator namespace",
    generatedBy: "areas/admission/policies/atlas-users-outside-previews/policy.ts",
    resources: [
      { apiGroups: ["atlas.mongodb.com"], apiVersions: ["*"], resources: ["atlasdatabaseusers"] },
      { apiGroups: ["atlas.generated.mongodb.com"], apiVersions: ["*"], resources: ["databaseusers"] },
    ],
    matchConditions: [
      {
        name: "outside-previews-and-operator",
        expression: `!${IN_PREVIEW_NAMESPACE} && request.namespace != ${celString(p.operatorNamespace)}`,
      },
    ],
    validations: [
      {
        id: "outside-previews",
        summary: `Atlas users are refused outside pr-<N> and ${p.operatorNamespace}`,
        expression: "false",
        message: `Atlas database users are only allowed in preview namespaces pr-<N> and in ${p.operatorNamespace}; production and staging users are managed outside Kubernetes.`,
        messageExpression: `${KIND_NAME} + ' is not allowed: Atlas database users may only exist in preview namespaces pr-<N> or in ${p.operatorNamespace}; production and staging users are managed outside Kubernetes'`,
      },
    ],
  });
