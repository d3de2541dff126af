/** Turns `atlas-access:aws` into one {@link ConnectionRole} per application. */
import { roleArnAtRoot } from "../../domain/aws";
import type { DeclaredArea } from "../component";
import { ConnectionRole } from "./ConnectionRole";
import type { ConnectionRuleInput } from "./config";

export function declareConnections(config: ConnectionRuleInput): DeclaredArea {
  const awsConnections: { name: string; roleArn: string; connectionStringTemplate: string }[] = [];
  const summaries = [];
  const database = config.atlas.environmentDatabases[config.environment];
  const { accountId, connections } = config.aws ?? { accountId: "", connections: [] };
  for (const c of connections) {
    const connection = new ConnectionRole(c.name, {
      accountId,
      roleName: c.name,
      allowedPrincipals: c.allowedPrincipals,
      crossAccount: c.crossAccount,
      eksPodIdentity: c.eksPodIdentity,
      nameExceptions: c.nameExceptions.map((e) => e.principal),
      projectId: config.atlas.projectId,
      roles: c.roles,
      scopes: c.scopes,
      clusterHost: config.atlas.clusterHost,
      database,
    });
    summaries.push(connection.summary);
    // Path `/` and a fixed name make the ARN known from config: a plain value the plan can print.
    awsConnections.push({
      name: c.name,
      roleArn: roleArnAtRoot(accountId, c.name),
      connectionStringTemplate: connection.connectionStringTemplate,
    });
  }
  return { summaries, outputs: { awsConnections } };
}
