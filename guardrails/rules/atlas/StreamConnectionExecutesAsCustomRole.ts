import { isRecord, q, str } from "../../lib/values";
import type { ResourceRule } from "../../types";
import { isForbiddenRole } from "../../../domain/atlas";

export const StreamConnectionExecutesAsCustomRole: ResourceRule = {
  kind: "resource",
  id: "ATLAS-006",
  title: "No stream connection executes as a built-in or broad role.",
  severity: "critical",
  reason:
    'A stream connection\'s dbRoleToExecute ("Execute As") is the identity every processor on that connection uses. ' +
    "The only built-in choices (atlasAdmin, readWriteAnyDatabase, readAnyDatabase) reach every database of the cluster.",
  remediation:
    'Set dbRoleToExecute to { type: "CUSTOM", role: "<custom role of this stack>" } whose actions are limited to the needed database.',
  types: ["mongodbatlas:index/streamConnection:StreamConnection"],
  check(r) {
    const exec = r.inputs.dbRoleToExecute;
    if (!isRecord(exec))
      return r.inputs.type === "Cluster"
        ? ["has no dbRoleToExecute; a Cluster connection must execute as a CUSTOM role"]
        : [];
    const role = str(exec.role) ?? "";
    if (exec.type !== "CUSTOM")
      return [`dbRoleToExecute is ${q({ role: exec.role, type: exec.type })}; it must be type "CUSTOM"`];
    return isForbiddenRole(role) ? [`dbRoleToExecute role ${q(role)} is a forbidden role name`] : [];
  },
};
