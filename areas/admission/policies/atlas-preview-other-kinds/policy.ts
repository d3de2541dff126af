/**
 * `atlas-preview-other-kinds`: in a preview namespace `pr-<N>` every resource of every `*.mongodb.com` group is
 * refused but `atlasdatabaseusers` of `atlas.mongodb.com/v1`, the one kind the program writes there: custom roles,
 * IP access lists, projects, clusters, the generated `DatabaseUser` (it would need a credential Secret in the
 * namespace, and imports existing Atlas users from `mongodb.com/external-*`), the experimental group
 * `atlas.generated.experimental.mongodb.com`, and any future group, version or kind (fail closed).
 */
import { ATLAS_GROUP, KIND_NAME, ONLY_PREVIEW_NAMESPACES, validatingPolicy } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";

/** The one Atlas resource a preview namespace may hold. */
export const PREVIEW_USER_RESOURCE = { group: "atlas.mongodb.com", version: "v1", resource: "atlasdatabaseusers" };

const IS_PREVIEW_USER =
  `request.resource.group == '${PREVIEW_USER_RESOURCE.group}' && request.resource.version == '${PREVIEW_USER_RESOURCE.version}'` +
  ` && request.resource.resource == '${PREVIEW_USER_RESOURCE.resource}'`;

export const atlasPreviewOtherKinds = (): AdmissionPolicy =>
  validatingPolicy({
    name: "atlas-preview-other-kinds",
    title: "Refuse every Atlas kind but AtlasDatabaseUser in preview namespaces",
    generatedBy: "areas/admission/policies/atlas-preview-other-kinds/policy.ts",
    resources: [{ apiGroups: ["*"], apiVersions: ["*"], resources: ["*"] }],
    matchConditions: [
      ATLAS_GROUP,
      ONLY_PREVIEW_NAMESPACES,
      { name: "not-the-preview-user", expression: `!(${IS_PREVIEW_USER})` },
    ],
    validations: [
      {
        id: "atlas-kind",
        summary:
          "every resource of every *.mongodb.com group but atlasdatabaseusers (atlas.mongodb.com/v1) is refused: custom roles, IP access lists, projects, clusters, the generated DatabaseUser, experimental and future groups",
        expression: "false",
        message:
          "Atlas resources other than AtlasDatabaseUser (atlas.mongodb.com/v1) are not allowed in preview namespaces.",
        messageExpression: `${KIND_NAME} + ' (' + request.resource.group + '/' + request.resource.version + ' ' + request.resource.resource + ') is not allowed: preview namespaces may only hold AtlasDatabaseUser (atlas.mongodb.com/v1); the operator\\'s credential could otherwise create custom roles, access-list entries, projects or clusters, or import existing Atlas users'`,
      },
    ],
  });
