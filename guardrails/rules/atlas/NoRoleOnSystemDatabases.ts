import { T } from "../../lib/stack";
import { q, records, resourceLabel, str } from "../../lib/values";
import type { ResourceView, StackRule } from "../../types";
import { CUSTOM_ROLE_ACTION_ALLOWLIST, DATA_ACTIONS, isSystemDatabase } from "../../../domain/atlas";

/** Why a custom role is not acceptable on a system database, or undefined when it is. */
function customRoleProblem(role: ResourceView): string | undefined {
  if (records(role.inputs.inheritedRoles).length > 0) return "inherits other roles";
  const actions = records(role.inputs.actions);
  if (actions.length === 0) return "has no actions";
  for (const { index, value } of actions) {
    const action = str(value.action) ?? "";
    if (!CUSTOM_ROLE_ACTION_ALLOWLIST.includes(action))
      return `has action ${q(action)} (actions[${index}]), which is not on the allowlist`;
    if (!(DATA_ACTIONS as readonly string[]).includes(action)) continue;
    for (const { value: res } of records(value.resources)) {
      const db = str(res.databaseName);
      if (res.cluster === true || db === undefined || db === "" || isSystemDatabase(db)) {
        return `has data action ${q(action)} (actions[${index}]) on ${db ? `database ${q(db)}` : "no named database"}`;
      }
    }
  }
  return undefined;
}

export const NoRoleOnSystemDatabases: StackRule = {
  kind: "stack",
  id: "ATLAS-002",
  title: "No role on admin, local or config, except a custom role of this stack whose actions are all allowlisted.",
  severity: "critical",
  reason:
    "A built-in role on admin applies to every database (readWrite on admin reaches users and roles); local and config " +
    "hold the oplog and sharding metadata. Atlas requires custom roles to be granted on admin, so exactly one case is " +
    "accepted: a CustomDbRole declared in the same stack, with no inherited roles, whose actions are all on the " +
    "documented allowlist (stream-processing actions, and read/write data actions on a named non-system database).",
  remediation:
    "Grant built-in roles on the environment's own database. For stream processing, declare a mongodbatlas.CustomDbRole " +
    "with only allowlisted actions (domain/atlas.ts) and grant that role on admin.",
  check(resources) {
    const customRoles = new Map(
      resources.filter((r) => r.type === T.customDbRole).map((r) => [str(r.inputs.roleName) ?? r.name, r]),
    );
    const out: { resource: string; message: string }[] = [];
    for (const user of resources.filter((r) => r.type === T.databaseUser)) {
      for (const { index, value } of records(user.inputs.roles)) {
        const db = str(value.databaseName) ?? "";
        if (!isSystemDatabase(db)) continue;
        const name = str(value.roleName) ?? "";
        const custom = customRoles.get(name);
        const at = `roles[${index}] grants ${q(name)} on ${q(db)}`;
        if (!custom) {
          out.push({
            resource: resourceLabel(user),
            message: `${at}; only a custom role declared in this stack may be granted on admin, local or config`,
          });
          continue;
        }
        if (db !== "admin") {
          out.push({
            resource: resourceLabel(user),
            message: `${at}; a custom role is granted on "admin", never on local or config`,
          });
          continue;
        }
        const problem = customRoleProblem(custom);
        if (problem) out.push({ resource: resourceLabel(user), message: `${at}; custom role ${q(name)} ${problem}` });
      }
    }
    return out;
  },
};
