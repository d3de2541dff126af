import * as pulumi from "@pulumi/pulumi";
import type { AccessSummary } from "../../domain/summary";
import type { DeclaredArea } from "../component";
import type { AtlasRuleInput } from "./rules";
import { DatabaseAuditing } from "./auditing/DatabaseAuditing";
import { StreamProcessing } from "./streams/StreamProcessing";
import { ApplicationUsers } from "./users/ApplicationUsers";

/**
 * Declares the Atlas area's components from the validated config (application users, stream processing, database
 * auditing).
 */
export function declareAtlasAccess(config: AtlasRuleInput): DeclaredArea {
  const summaries: AccessSummary[] = [];
  const projectId = config.atlas.projectId;
  const gcpProject = config.gcp?.projectId;

  if (config.appUsers && config.appUsers.length > 0 && gcpProject) {
    const users = new ApplicationUsers(`${config.environment}-app-users`, {
      projectId,
      database: config.atlas.environmentDatabases[config.environment],
      gcpProject,
      users: config.appUsers,
      protect: true,
    });
    summaries.push(users.summary);
  }

  if (config.streams) {
    const streams = new StreamProcessing(`${config.environment}-streams`, {
      projectId,
      gcpProject,
      workspaces: config.streams.workspaces,
      personaRoles: config.streams.personaRoles,
      executionRoles: config.streams.executionRoles,
      users: config.streams.users,
      // The schema refuses every BUILT_IN execute-as role, so only the custom role's name remains.
      connections: config.streams.connections.map((c) => ({
        workspace: c.workspace,
        name: c.name,
        cluster: c.cluster,
        executeAs: c.executeAs.role,
      })),
      protect: true,
    });
    summaries.push(streams.summary);
  }

  const auditing = config.databaseAuditing;
  if (auditing) {
    // A webhook secret normally comes from a `secure:` value; it is wrapped as a Pulumi secret whatever its origin.
    const component = new DatabaseAuditing(`${config.environment}-database-auditing`, {
      projectId,
      capture: auditing.capture,
      auditAuthorizationSuccess: auditing.auditAuthorizationSuccess,
      emails: auditing.alerts.emails,
      webhooks: auditing.alerts.webhooks.map((w) => ({
        url: w.url,
        secret: w.secret === undefined ? undefined : pulumi.secret(w.secret),
      })),
    });
    summaries.push(component.summary);
  }
  return { summaries, outputs: {} };
}
