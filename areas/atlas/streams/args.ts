/** The arguments of the `StreamProcessing` component and their own check; pure (no Pulumi at run time). */
import type * as pulumi from "@pulumi/pulumi";
import {
  DATA_ACTIONS,
  STREAM_PROCESSING_ACTIONS,
  STREAM_PROCESSING_ACTION_ALIASES,
  forbiddenRoleReason,
  isSystemDatabase,
  streamProcessingAction,
} from "../../../domain/atlas";
import { ArgsCheck } from "../../component";

export interface StreamWorkspaceSpec {
  name: string;
  cloudProvider: string;
  /** Atlas stream-processing region, e.g. `DUBLIN_IRL`. */
  region: string;
  /** @default Atlas's default tier */
  tier?: string;
}

/** A custom role carrying exactly the stream processor actions one persona needs. */
export interface PersonaRoleSpec {
  name: string;
  persona: string;
  /** Each one of {@link STREAM_PROCESSING_ACTIONS}, or a documented alias (sent as the API name). */
  actions: string[];
}

/** A custom role used as "Execute As" profile: data actions on one database (optionally some collections). */
export interface ExecutionRoleSpec {
  name: string;
  database: string;
  /** @default [] (the whole database) */
  collections?: string[];
  /** Each one of {@link DATA_ACTIONS}. */
  actions: string[];
}

export interface StreamUserSpec {
  username: string;
  /** @default "" */
  description?: string;
  /** A persona role name. */
  role: string;
  /** Workspaces the user may reach (`STREAM` scopes). */
  workspaces: string[];
  secretId: string;
  secretAccessor: string;
}

export interface StreamConnectionSpec {
  workspace: string;
  name: string;
  cluster: string;
  /** The execution role the connection runs as (always a custom role of this component). */
  executeAs: string;
}

export interface StreamProcessingArgs {
  projectId: pulumi.Input<string>;
  workspaces: StreamWorkspaceSpec[];
  /** @default [] */
  personaRoles?: PersonaRoleSpec[];
  /** @default [] */
  executionRoles?: ExecutionRoleSpec[];
  /** @default [] */
  users?: StreamUserSpec[];
  /** @default [] */
  connections?: StreamConnectionSpec[];
  /** GCP project holding the stream users' secrets (required when there are users). @default undefined */
  gcpProject?: string;
  /** Protect stream users, passwords and secrets from deletion. @default true */
  protect?: boolean;
}

/**
 * A persona role's actions as Atlas receives them (API names) and its plan-summary line, which shows each alias next
 * to the API name it was sent as.
 */
export function personaRoleActions(r: PersonaRoleSpec): { actions: string[]; line: string } {
  const actions = r.actions.map((a) => streamProcessingAction(a) ?? a);
  const shown = r.actions.map((a, k) => (a === actions[k] ? a : `${actions[k]} (config: ${a})`));
  return {
    actions,
    line: `role ${r.name} (persona ${r.persona}): ${shown.join(", ")}; on the workspaces its holder is scoped to`,
  };
}

/**
 * Checks `args` (the stack config enforces the same rules with config key paths; this guards direct use of the
 * component) and returns the collected problems.
 */
export function checkStreamProcessingArgs(args: StreamProcessingArgs): ArgsCheck {
  const check = new ArgsCheck();
  const fail = check.bad.bind(check);
  const workspaces = args.workspaces.map((w) => w.name);
  if (workspaces.length === 0) fail("workspaces", args.workspaces, "declare at least one workspace");
  const personas = (args.personaRoles ?? []).map((r) => r.name);
  const executions = (args.executionRoles ?? []).map((r) => r.name);
  (args.personaRoles ?? []).forEach((r, i) =>
    r.actions.forEach((a, j) => {
      if (streamProcessingAction(a) === undefined) {
        fail(
          `personaRoles[${i}].actions[${j}]`,
          a,
          `use the Admin API's stream processor actions: ${STREAM_PROCESSING_ACTIONS.join(", ")} ` +
            `(or a documented alias: ${Object.keys(STREAM_PROCESSING_ACTION_ALIASES).join(", ")})`,
        );
      }
    }),
  );
  (args.executionRoles ?? []).forEach((r, i) => {
    if (isSystemDatabase(r.database))
      fail(
        `executionRoles[${i}].database`,
        r.database,
        "execute as a role on the application's database, never admin, local or config",
      );
    r.actions.forEach((a, j) => {
      if (!(DATA_ACTIONS as readonly string[]).includes(a))
        fail(`executionRoles[${i}].actions[${j}]`, a, `use one of ${DATA_ACTIONS.join(", ")}`);
    });
  });
  (args.users ?? []).forEach((u, i) => {
    if (!personas.includes(u.role))
      fail(`users[${i}].role`, u.role, `use one of the persona roles: ${personas.join(", ") || "none declared"}`);
    if (u.workspaces.length === 0)
      fail(
        `users[${i}].workspaces`,
        u.workspaces,
        "name at least one workspace: without scopes the user reaches every workspace and cluster",
      );
    u.workspaces.forEach((w, k) => {
      if (!workspaces.includes(w))
        fail(`users[${i}].workspaces[${k}]`, w, `use one of the workspaces: ${workspaces.join(", ")}`);
    });
  });
  if ((args.users ?? []).length > 0 && !args.gcpProject)
    fail("gcpProject", args.gcpProject, "name the GCP project whose Secret Manager holds the stream users' passwords");
  (args.connections ?? []).forEach((c, i) => {
    const broad = forbiddenRoleReason(c.executeAs);
    if (broad)
      fail(
        `connections[${i}].executeAs`,
        c.executeAs,
        `never execute as a broad role (${broad}); use one of the execution roles`,
      );
    else if (!executions.includes(c.executeAs))
      fail(
        `connections[${i}].executeAs`,
        c.executeAs,
        `use one of the execution roles: ${executions.join(", ") || "none declared"}`,
      );
    if (!workspaces.includes(c.workspace))
      fail(`connections[${i}].workspace`, c.workspace, `use one of the workspaces: ${workspaces.join(", ")}`);
  });
  return check;
}
