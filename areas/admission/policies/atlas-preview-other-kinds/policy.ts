/**
 * `atlas-preview-other-kinds`: every kind of `atlas.mongodb.com` and `atlas.generated.mongodb.com` except the two user
 * kinds (any version, any resource, so future kinds too) is refused in a preview namespace `pr-<N>`: the operator's
 * credential could otherwise create custom roles, access-list entries, projects or clusters.
 */
import { KIND_NAME, ONLY_PREVIEW_NAMESPACES, validatingPolicy } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";

const IS_USER_KIND =
  "(object.apiVersion == 'atlas.mongodb.com/v1' && object.kind == 'AtlasDatabaseUser') || (object.apiVersion == 'atlas.generated.mongodb.com/v1' && object.kind == 'DatabaseUser')";

export const atlasPreviewOtherKinds = (): AdmissionPolicy =>
  validatingPolicy({
    name: "atlas-preview-other-kinds",
    title: "Refuse every non-user Atlas kind in preview namespaces",
    generatedBy: "areas/admission/policies/atlas-preview-other-kinds/policy.ts",
    resources: [
      { apiGroups: ["atlas.mongodb.com", "atlas.generated.mongodb.com"], apiVersions: ["*"], resources: ["*"] },
    ],
    matchConditions: [ONLY_PREVIEW_NAMESPACES, { name: "not-a-user-kind", expression: `!(${IS_USER_KIND})` }],
    validations: [
      {
        id: "atlas-kind",
        summary:
          "every Atlas kind except the two user kinds is refused (custom roles, IP access lists, projects, deployments, streams, ...)",
        expression: "false",
        message:
          "Atlas resources other than database users are not allowed in preview namespaces (the operator's credential could create custom roles, access-list entries, clusters, ...).",
        messageExpression: `${KIND_NAME} + ' (' + object.apiVersion + ') is not allowed: preview namespaces may only hold AtlasDatabaseUser; the operator\\'s credential could otherwise create custom roles, access-list entries, projects or clusters'`,
      },
    ],
  });
