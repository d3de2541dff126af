import * as pulumi from "@pulumi/pulumi";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import type { AccessSummary } from "../../../domain/summary";
import { DATA_ACTIONS, STREAM_PROCESSING_ACTIONS, forbiddenRoleReason, isSystemDatabase } from "../../../domain/atlas";
import { PasswordUser } from "../users/PasswordUser";
import { ArgsCheck } from "../../component";

export const STREAM_PROCESSING_TYPE = "atlas-access:atlas:StreamProcessing";

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
  /** Each one of {@link STREAM_PROCESSING_ACTIONS}. */
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

function validate(name: string, args: StreamProcessingArgs): void {
  const check = new ArgsCheck();
  const fail = check.bad.bind(check);
  const workspaces = args.workspaces.map((w) => w.name);
  if (workspaces.length === 0) fail("workspaces", args.workspaces, "declare at least one workspace");
  const personas = (args.personaRoles ?? []).map((r) => r.name);
  const executions = (args.executionRoles ?? []).map((r) => r.name);
  (args.personaRoles ?? []).forEach((r, i) =>
    r.actions.forEach((a, j) => {
      if (!(STREAM_PROCESSING_ACTIONS as readonly string[]).includes(a)) {
        fail(
          `personaRoles[${i}].actions[${j}]`,
          a,
          `use documented stream processor actions only: ${STREAM_PROCESSING_ACTIONS.join(", ")}`,
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
  check.throwIfAny("StreamProcessing", name);
}

/**
 * Atlas Stream Processing with least privilege: workspaces, one custom role per persona carrying exactly its stream
 * processor actions, users scoped (`STREAM`) to named workspaces, and `Cluster` connections that execute as a custom
 * data role on one database (never `atlasAdmin` or an `*AnyDatabase` role).
 */
export class StreamProcessing extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;

  constructor(name: string, args: StreamProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(name, args);
    super(STREAM_PROCESSING_TYPE, name, {}, opts);
    const lines: string[] = [];

    const workspaces = new Map<string, mongodbatlas.StreamWorkspace>();
    for (const w of args.workspaces) {
      workspaces.set(
        w.name,
        new mongodbatlas.StreamWorkspace(
          `${name}-${w.name}`,
          {
            projectId: args.projectId,
            workspaceName: w.name,
            dataProcessRegion: { cloudProvider: w.cloudProvider, region: w.region },
            ...(w.tier ? { streamConfig: { tier: w.tier } } : {}),
          },
          { parent: this },
        ),
      );
      lines.push(`workspace ${w.name}: ${w.cloudProvider} ${w.region}${w.tier ? `, tier ${w.tier}` : ""}`);
    }

    const roles = new Map<string, mongodbatlas.CustomDbRole>();
    for (const r of args.personaRoles ?? []) {
      roles.set(
        r.name,
        new mongodbatlas.CustomDbRole(
          `${name}-${r.name}`,
          // Stream processor privileges apply to a whole workspace, so the resource is the cluster-level one.
          {
            projectId: args.projectId,
            roleName: r.name,
            actions: r.actions.map((action) => ({ action, resources: [{ cluster: true }] })),
          },
          { parent: this },
        ),
      );
      lines.push(
        `role ${r.name} (persona ${r.persona}): ${r.actions.join(", ")}; on the workspaces its holder is scoped to`,
      );
    }
    for (const r of args.executionRoles ?? []) {
      const collections = r.collections ?? [];
      const resources =
        collections.length > 0
          ? collections.map((c) => ({ databaseName: r.database, collectionName: c }))
          : [{ databaseName: r.database, collectionName: "" }];
      roles.set(
        r.name,
        new mongodbatlas.CustomDbRole(
          `${name}-${r.name}`,
          { projectId: args.projectId, roleName: r.name, actions: r.actions.map((action) => ({ action, resources })) },
          { parent: this },
        ),
      );
      const where =
        collections.length > 0 ? `${r.database}.{${collections.join(", ")}}` : `every collection of ${r.database}`;
      lines.push(`execution role ${r.name}: ${r.actions.join(", ")} on ${where}`);
    }

    for (const u of args.users ?? []) {
      const role = roles.get(u.role);
      const user = new PasswordUser(
        u.username,
        {
          projectId: args.projectId,
          username: u.username,
          description: u.description,
          // Atlas requires a custom role to be granted on admin; its actions carry the real resources.
          roles: [{ roleName: u.role, databaseName: "admin", custom: true }],
          scopes: u.workspaces.map((w) => ({ name: w, type: "STREAM" as const })),
          gcpProject: args.gcpProject ?? "",
          secretId: u.secretId,
          secretAccessor: u.secretAccessor,
          protect: args.protect ?? true,
          dependsOn: [...(role ? [role] : []), ...u.workspaces.flatMap((w) => workspaces.get(w) ?? [])],
        },
        { parent: this },
      );
      lines.push(user.matrixLine);
    }

    for (const c of args.connections ?? []) {
      const workspace = workspaces.get(c.workspace);
      const role = roles.get(c.executeAs);
      new mongodbatlas.StreamConnection(
        `${name}-${c.workspace}-${c.name}`,
        {
          projectId: args.projectId,
          workspaceName: c.workspace,
          connectionName: c.name,
          type: "Cluster",
          clusterName: c.cluster,
          dbRoleToExecute: { role: c.executeAs, type: "CUSTOM" },
        },
        { parent: this, dependsOn: [...(workspace ? [workspace] : []), ...(role ? [role] : [])] },
      );
      lines.push(`connection ${c.workspace}/${c.name}: Cluster ${c.cluster}, executes as ${c.executeAs} (CUSTOM)`);
    }

    this.summary = { component: STREAM_PROCESSING_TYPE, name, lines };
    this.registerOutputs({ workspaces: args.workspaces.map((w) => w.name) });
  }
}
