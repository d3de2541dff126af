import * as pulumi from "@pulumi/pulumi";
// Sub-module imports: the package root would make the type check parse every service's declarations.
import * as iam from "@pulumi/aws/iam";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import type { AccessSummary } from "../../domain/summary";
import { roleArnAtRoot } from "../../domain/aws";
import { type ConnectionRoleArgs, checkConnectionRoleArgs } from "./args";
import { isCrossAccount } from "./principals";
import { buildTrustPolicy } from "./trustPolicy";

export const CONNECTION_ROLE_TYPE = "atlas-access:aws:ConnectionRole";
/** Role chaining (Lambda/pod role → connection role) caps a session at one hour, so a longer maximum is never usable. */
export const MAX_SESSION_DURATION_SECONDS = 3600;

/** `mongodb+srv://<host>/<db>?authSource=%24external&authMechanism=MONGODB-AWS`: no credential in it. */
export function connectionStringTemplate(clusterHost: string, database: string): string {
  return `mongodb+srv://${clusterHost}/${database}?authSource=%24external&authMechanism=MONGODB-AWS`;
}

/**
 * One IAM role for Atlas MONGODB-AWS authentication: trusted by exactly the configured workload roles, holding no
 * permission at all (inline and managed policies exclusively managed as empty lists), and bound to an Atlas database
 * user (`$external`, `awsIamType: ROLE`) with read/readWrite roles scoped to named clusters.
 */
export class ConnectionRole extends pulumi.ComponentResource {
  /** ARN of the connection role (path `/`), the Atlas username. */
  public readonly roleArn: pulumi.Output<string>;
  /** The Atlas connection string to use after assuming the role; it holds no credential. */
  public readonly connectionStringTemplate: string;
  /** The trust policy exactly as registered (JSON text). */
  public readonly trustPolicy: string;
  /** What this component grants, in plain words, for the plan and the stack outputs. */
  public readonly summary: AccessSummary;

  constructor(name: string, args: ConnectionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    checkConnectionRoleArgs(args).throwIfAny("ConnectionRole", name);
    super(CONNECTION_ROLE_TYPE, name, {}, opts);

    this.trustPolicy = JSON.stringify(
      buildTrustPolicy({
        accountId: args.accountId,
        allowedPrincipals: args.allowedPrincipals,
        principalOrgId: args.crossAccount?.principalOrgId,
        eksPodIdentity: args.eksPodIdentity,
      }),
    );

    const role = new iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        path: "/",
        description: `Atlas MONGODB-AWS connection role (no permissions); managed by atlas-access`,
        assumeRolePolicy: this.trustPolicy,
        maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
        forceDetachPolicies: true,
      },
      { parent: this },
    );
    // Exclusive management with empty lists: an inline or managed policy added outside this program is removed by
    // the next `pulumi up --refresh` (see README: drift is only seen with a refresh).
    new iam.RolePoliciesExclusive(
      `${name}-no-inline-policies`,
      { roleName: role.name, policyNames: [] },
      { parent: this },
    );
    new iam.RolePolicyAttachmentsExclusive(
      `${name}-no-managed-policies`,
      { roleName: role.name, policyArns: [] },
      { parent: this },
    );

    new mongodbatlas.DatabaseUser(
      `${name}-atlas-user`,
      {
        projectId: args.projectId,
        username: role.arn,
        authDatabaseName: "$external",
        awsIamType: "ROLE",
        roles: args.roles.map((r) => ({ roleName: r.role, databaseName: r.database })),
        scopes: args.scopes.map((s) => ({ name: s, type: "CLUSTER" })),
        description: `Workloads that assume IAM role ${args.roleName} (atlas-access)`,
      },
      { parent: this },
    );

    this.roleArn = role.arn;
    this.connectionStringTemplate = connectionStringTemplate(args.clusterHost, args.database);
    this.summary = {
      component: CONNECTION_ROLE_TYPE,
      name,
      lines: summaryLines(args),
    };
    this.registerOutputs({ roleArn: this.roleArn, connectionStringTemplate: this.connectionStringTemplate });
  }
}

/** The plan's lines for one connection role, from the same arguments the resources are built from. */
export function summaryLines(args: ConnectionRoleArgs): string[] {
  const who = args.allowedPrincipals.map((p) =>
    isCrossAccount(p, args.accountId) ? `${p} (only from organization ${args.crossAccount?.principalOrgId})` : p,
  );
  const pod = args.eksPodIdentity;
  for (const sa of pod?.serviceAccounts ?? [])
    who.push(`EKS Pod Identity of service account ${sa.namespace}/${sa.name} in ${pod?.clusterArns.join(", ")}`);
  return [
    `who can assume \`${args.roleName}\`: ${who.join(", ")}; its permissions: none`,
    `Atlas user ${roleArnAtRoot(args.accountId, args.roleName)} ($external, AWS IAM role): ${args.roles
      .map((r) => `${r.role}@${r.database}`)
      .join(", ")} on [${args.scopes.join(", ")}]`,
    `connect with: ${connectionStringTemplate(args.clusterHost, args.database)} (credentials from sts:AssumeRole, max session ${MAX_SESSION_DURATION_SECONDS} s)`,
  ];
}
