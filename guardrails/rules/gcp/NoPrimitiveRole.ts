import { q } from "../../lib/values";
import type { ResourceRule } from "../../types";
import { GCP_IAM_TYPE, grants } from "../../lib/gcpGrants";

const PRIMITIVE_ROLES: readonly string[] = ["roles/owner", "roles/editor", "roles/viewer"];

export const NoPrimitiveRole: ResourceRule = {
  kind: "resource",
  id: "GCP-001",
  title: "No GCP IAM grant uses a primitive role (roles/owner, roles/editor, roles/viewer).",
  severity: "critical",
  reason:
    "Primitive roles span every service of the resource (viewer alone reads most data, editor changes it); they cannot be least privilege.",
  remediation:
    "Grant the predefined role of the one service needed (e.g. roles/secretmanager.secretAccessor) on the narrowest resource.",
  types: [GCP_IAM_TYPE],
  check(r) {
    const gs = grants(r);
    if (!Array.isArray(gs)) return [gs.problem];
    return gs
      .filter((g) => PRIMITIVE_ROLES.includes(g.role))
      .map((g) => `grants primitive role ${q(g.role)} to ${q(g.member)} (${g.at})`);
  },
};
