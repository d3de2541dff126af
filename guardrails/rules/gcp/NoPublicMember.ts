import { q } from "../../lib/values";
import type { ResourceRule } from "../../types";
import { GCP_IAM_TYPE, grants } from "../../lib/gcpGrants";

const PUBLIC_MEMBERS: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

export const NoPublicMember: ResourceRule = {
  kind: "resource",
  id: "GCP-003",
  title: "No GCP IAM grant names allUsers or allAuthenticatedUsers.",
  severity: "critical",
  reason:
    "allUsers is anyone on the internet; allAuthenticatedUsers is anyone with any Google account. Neither is a workload of this program.",
  remediation:
    "Grant to the workload's service account (serviceAccount:...) or Workload Identity principal (principal://...) instead.",
  types: [GCP_IAM_TYPE],
  check(r) {
    const gs = grants(r);
    if (!Array.isArray(gs)) return []; // GCP-001 reports an unreadable policyData
    return gs
      .filter((g) => PUBLIC_MEMBERS.includes(g.member))
      .map((g) => `grants ${q(g.role)} to public member ${q(g.member)} (${g.at})`);
  },
};
