import { q } from "../../lib/values";
import type { ResourceRule } from "../../types";
import { GCP_IAM_TYPE, grants } from "../../lib/gcpGrants";

export const SecretAccessOnlyPerSecret: ResourceRule = {
  kind: "resource",
  id: "GCP-002",
  title:
    "Secret Manager roles are granted only per secret (secretmanager *IamMember/*IamBinding), never on a project, folder or organization.",
  severity: "high",
  reason:
    "roles/secretmanager.secretAccessor on a project reads every secret of the project, including other environments' " +
    "Atlas passwords. A per-secret binding reads exactly one.",
  remediation:
    "Replace the project/folder/organization grant by a gcp.secretmanager.SecretIamMember on each secret the workload reads.",
  types: [GCP_IAM_TYPE],
  check(r) {
    if (r.type.startsWith("gcp:secretmanager/")) return [];
    const gs = grants(r);
    if (!Array.isArray(gs)) return []; // GCP-001 reports an unreadable policyData
    return gs
      .filter((g) => g.role.startsWith("roles/secretmanager."))
      .map((g) => `grants ${q(g.role)} to ${q(g.member)} (${g.at}) outside a per-secret binding`);
  },
};
