import { mutate, view, type RuleCases } from "../../cases";

const assignment = view(
  "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
  { clientId: "c", projectId: "p", roles: ["GROUP_DATABASE_ACCESS_ADMIN"] },
  "assign",
);
const serviceAccount = view(
  "mongodbatlas:index/serviceAccount:ServiceAccount",
  { orgId: "o", description: "d", roles: ["ORG_MEMBER"] },
  "sa",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "extra project roles, and a broad org role",
      resources: [
        mutate(assignment, { roles: ["GROUP_DATABASE_ACCESS_ADMIN", "GROUP_OWNER"] }),
        mutate(serviceAccount, { roles: ["ORG_OWNER"] }),
      ],
      findings: [
        'mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment assign: roles is ["GROUP_DATABASE_ACCESS_ADMIN","GROUP_OWNER"]; must be exactly ["GROUP_DATABASE_ACCESS_ADMIN"]',
        'mongodbatlas:index/serviceAccount:ServiceAccount sa: roles is ["ORG_OWNER"]; must be exactly ["ORG_MEMBER"]',
      ],
    },
    {
      name: "a legacy ProjectApiKey with GROUP_READ_ONLY",
      resources: [
        view(
          "mongodbatlas:index/projectApiKey:ProjectApiKey",
          { description: "d", projectAssignments: [{ projectId: "p", roleNames: ["GROUP_READ_ONLY"] }] },
          "key",
        ),
      ],
      findings: [
        'mongodbatlas:index/projectApiKey:ProjectApiKey key: projectAssignments[0].roleNames is ["GROUP_READ_ONLY"]; must be exactly ["GROUP_DATABASE_ACCESS_ADMIN"]',
      ],
    },
  ],
  compliant: [
    {
      name: "a service account with ORG_MEMBER assigned GROUP_DATABASE_ACCESS_ADMIN",
      resources: [assignment, serviceAccount],
    },
  ],
};
