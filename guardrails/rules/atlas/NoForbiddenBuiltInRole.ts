import { q, records, str } from "../../lib/values";
import type { ResourceRule } from "../../types";
import { isForbiddenRole } from "../../../domain/atlas";

export const NoForbiddenBuiltInRole: ResourceRule = {
  kind: "resource",
  id: "ATLAS-001",
  title:
    "No database user or custom role holds atlasAdmin, root, clusterMonitor, backup, enableSharding or a *AnyDatabase role.",
  severity: "critical",
  reason:
    "These roles reach every database of every cluster in the shared project (or its cluster-wide operations), so one " +
    "environment's credential would read or change production's data.",
  remediation:
    "Grant read or readWrite on the environment's own database (or a custom role built from allowlisted actions); " +
    "for a custom role, remove the inherited built-in role.",
  types: ["mongodbatlas:index/databaseUser:DatabaseUser", "mongodbatlas:index/customDbRole:CustomDbRole"],
  check(r) {
    const field = r.type === "mongodbatlas:index/databaseUser:DatabaseUser" ? "roles" : "inheritedRoles";
    return records(r.inputs[field]).flatMap(({ index, value }) => {
      const role = str(value.roleName) ?? "";
      return isForbiddenRole(role)
        ? [`${field}[${index}] grants forbidden role ${q(role)} on ${q(value.databaseName)}`]
        : [];
    });
  },
};
