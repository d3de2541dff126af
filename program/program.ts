import type { AccessSummary } from "../domain/summary";
import { AuditTrail } from "../areas/audit";
import { loadConfig } from "./config";
import { ConnectionRole, roleArnAtRoot } from "../areas/connection";
import { declareAtlasAccess } from "../areas/atlas/declare";
import { declareOperator } from "../areas/operator/declare";
import { Admission } from "../areas/admission/Admission";
import { admissionSchema } from "../areas/admission/config";

/** Everything the stack exports. Plain data only: no secret is ever exported. */
export interface StackOutputs {
  environment: string;
  /** Per component, what access it grants, for reviewers and for `npm run plan`. */
  accessSummary: AccessSummary[];
  [name: string]: unknown;
}

/**
 * The program: validate the whole config first (a bad config registers nothing), then declare each component.
 * `index.ts` hands this function to the Pulumi engine; the offline harness runs the same function under mocks.
 */
export async function program(): Promise<StackOutputs> {
  const { config } = loadConfig();
  const accessSummary: AccessSummary[] = [];
  const outputs: Record<string, unknown> = {};

  // aws: one IAM connection role (and its Atlas user) per application (components/aws/connection).
  const awsConnections: { name: string; roleArn: string; connectionStringTemplate: string }[] = [];
  const environmentDatabase = config.atlas.environmentDatabases[config.environment];
  const { accountId, connections } = config.aws ?? { accountId: "", connections: [] };
  for (const c of connections) {
    const conn = new ConnectionRole(c.name, {
      accountId,
      roleName: c.name,
      allowedPrincipals: c.allowedPrincipals,
      crossAccount: c.crossAccount,
      eksClusterArns: c.eksPodIdentity?.clusterArns,
      projectId: config.atlas.projectId,
      roles: c.roles,
      scopes: c.scopes,
      clusterHost: config.atlas.clusterHost,
      database: environmentDatabase,
    });
    accessSummary.push(conn.summary);
    // Path `/` and a fixed name make the ARN known from config: a plain value the plan can print.
    awsConnections.push({
      name: c.name,
      roleArn: roleArnAtRoot(accountId, c.name),
      connectionStringTemplate: conn.connectionStringTemplate,
    });
  }

  outputs.awsConnections = awsConnections;

  // Audit (issue 5): one trail per stack's AWS account, watching every connection role of `atlas-access:aws`.
  if (config.audit !== undefined && config.aws !== undefined) {
    const audit = new AuditTrail("audit", {
      accountId: config.aws.accountId,
      region: config.aws.region,
      trailName: config.audit.trailName,
      connectionRoles: config.aws.connections.map((c) => ({ name: c.name, allowedPrincipals: c.allowedPrincipals })),
      logRetentionDays: config.audit.logRetentionDays,
      bucketLifecycle: config.audit.bucketLifecycle,
      keyAdministratorArns: config.audit.keyAdministrators,
      alarmEmails: config.audit.alarmEmails,
      alarmHttpsEndpoints: config.audit.alarmHttpsEndpoints,
      cisAlarms: config.audit.cisAlarms,
    });
    accessSummary.push(audit.summary);
    outputs.auditTrailArn = audit.trailArn;
    outputs.auditAlarmTopicArn = audit.topicArn;
  }

  // Atlas application users, stream processing and database auditing (components/atlas).
  accessSummary.push(...declareAtlasAccess(config));

  // Atlas operator, its credential and the previews: only where `atlas-access:operator` is set (staging).
  const operator = declareOperator(config);
  if (operator) {
    accessSummary.push(...operator.summaries);
    Object.assign(outputs, operator.outputs);
  }

  // Admission policies: in the stack that owns the operator and the previews, pinned to exactly what the
  // operator gives preview users (project reference, prefixes, clusters).
  if (operator && config.operator && config.previews) {
    const admission = config.admission ?? admissionSchema.parse({});
    const policies = new Admission("admission", {
      kyvernoChartVersion: admission.kyvernoChartVersion,
      kyvernoNamespace: admission.kyvernoNamespace,
      policy: {
        databasePrefix: config.previews.databasePrefix,
        usernamePrefix: config.previews.usernamePrefix,
        previewClusters: config.previews.clusters,
        protectedDatabases: [config.atlas.environmentDatabases.prod, config.atlas.environmentDatabases.staging],
        project: { kind: "projectRef", ...operator.projectRef },
        projectId: config.atlas.projectId,
        operatorNamespace: config.operator.namespace,
      },
      // The policies are custom resources of Kyverno's CRDs and judge the operator's: both must exist first.
      dependsOn: [operator.release],
    });
    accessSummary.push(policies.summary);
  }

  return { environment: config.environment, accessSummary, ...outputs };
}
