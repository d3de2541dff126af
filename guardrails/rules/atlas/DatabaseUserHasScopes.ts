import { q, records, str } from "../../lib/values";
import type { ResourceRule } from "../../types";

const SCOPE_TYPES = ["CLUSTER", "DATA_LAKE", "STREAM"];

export const DatabaseUserHasScopes: ResourceRule = {
  kind: "resource",
  id: "ATLAS-003",
  title: "Every database user has scopes naming the clusters, data lakes or stream workspaces it may reach.",
  severity: "high",
  reason:
    "A database user without scopes can connect to every cluster and data lake of the project, present and future.",
  remediation: 'Set scopes to the clusters the user needs, e.g. [{ name: "shared", type: "CLUSTER" }].',
  types: ["mongodbatlas:index/databaseUser:DatabaseUser"],
  check(r) {
    const scopes = records(r.inputs.scopes);
    if (scopes.length === 0) return ["has no scopes, so it reaches every cluster and data lake of the project"];
    return scopes.flatMap(({ index, value }) => {
      const out: string[] = [];
      if (!str(value.name)) out.push(`scopes[${index}] has no name`);
      if (!SCOPE_TYPES.includes(str(value.type) ?? ""))
        out.push(`scopes[${index}] has type ${q(value.type)}; expected one of ${SCOPE_TYPES.join(", ")}`);
      return out;
    });
  },
};
