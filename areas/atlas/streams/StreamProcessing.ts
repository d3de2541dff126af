import * as pulumi from "@pulumi/pulumi";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import type { AccessSummary } from "../../../domain/summary";
import { PasswordUser } from "../users/PasswordUser";
import { type StreamProcessingArgs, checkStreamProcessingArgs, personaRoleActions } from "./args";

export const STREAM_PROCESSING_TYPE = "atlas-access:atlas:StreamProcessing";

/**
 * Atlas Stream Processing with least privilege: workspaces, one custom role per persona carrying exactly its stream
 * processor actions, users scoped (`STREAM`) to named workspaces, and `Cluster` connections that execute as a custom
 * data role on one database (never `atlasAdmin` or an `*AnyDatabase` role).
 */
export class StreamProcessing extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;

  constructor(name: string, args: StreamProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
    checkStreamProcessingArgs(args).throwIfAny("StreamProcessing", name);
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
      // Checked above: every action is an API name or a documented alias; Atlas receives the API name.
      const { actions, line } = personaRoleActions(r);
      roles.set(
        r.name,
        new mongodbatlas.CustomDbRole(
          `${name}-${r.name}`,
          // Stream processor privileges apply to a whole workspace, so the resource is the cluster-level one.
          {
            projectId: args.projectId,
            roleName: r.name,
            actions: actions.map((action) => ({ action, resources: [{ cluster: true }] })),
          },
          { parent: this },
        ),
      );
      lines.push(line);
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
