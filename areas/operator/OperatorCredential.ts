import * as pulumi from "@pulumi/pulumi";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import { OPERATOR_ORG_ROLE, OPERATOR_PROJECT_ROLE } from "../../domain/atlas";
import type { AccessSummary } from "../../domain/summary";
import { ArgsCheck } from "../component";
import { accessListProblem } from "./accessList";

/**
 * Lifetime of the secret Atlas generates when the service account itself is created. That secret is never used
 * (the operator gets the {@link mongodbatlas.ServiceAccountSecret}), so it gets the shortest lifetime Atlas accepts.
 */
export const INITIAL_SECRET_HOURS = 8;

export interface OperatorCredentialArgs {
  /** Atlas organization id (24 hex). */
  orgId: string;
  /** Atlas project id (24 hex): the only project the credential can act on. */
  projectId: string;
  /**
   * CIDR blocks the credential may be used from (the Kubernetes cluster's egress). Each IPv4 /24-/32 or IPv6
   * /64-/128, never `0.0.0.0/0` or `::/0`; at least one.
   */
  accessList: string[];
  /** Lifetime of the client secret the operator uses, in hours (8-8760). @default 2160 */
  secretExpiresAfterHours?: number;
  /** Service account name shown in Atlas. @default "atlas-kubernetes-operator" */
  displayName?: string;
}

/**
 * `atlas-access:kubernetes:OperatorCredential`: an Atlas service account holding only
 * {@link OPERATOR_PROJECT_ROLE} on one project, usable only from the configured addresses. `clientId` and
 * `clientSecret` are Pulumi secrets.
 */
export class OperatorCredential extends pulumi.ComponentResource {
  public readonly clientId: pulumi.Output<string>;
  public readonly clientSecret: pulumi.Output<string>;
  public readonly summary: AccessSummary;

  constructor(name: string, args: OperatorCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
    validateCredentialArgs(name, args);
    super("atlas-access:kubernetes:OperatorCredential", name, {}, opts);
    const hours = args.secretExpiresAfterHours ?? 2160;
    const displayName = args.displayName ?? "atlas-kubernetes-operator";

    const account = new mongodbatlas.ServiceAccount(
      `${name}-account`,
      {
        orgId: args.orgId,
        name: displayName,
        description: `Atlas Kubernetes Operator, ${OPERATOR_PROJECT_ROLE} on project ${args.projectId} only, managed by atlas-access`,
        roles: [OPERATOR_ORG_ROLE],
        secretExpiresAfterHours: INITIAL_SECRET_HOURS,
      },
      // The initial secret Atlas returns on creation lands in `secrets`: keep it encrypted in state.
      { parent: this, additionalSecretOutputs: ["secrets"] },
    );
    const assignment = new mongodbatlas.ServiceAccountProjectAssignment(
      `${name}-project`,
      { clientId: account.clientId, projectId: args.projectId, roles: [OPERATOR_PROJECT_ROLE] },
      { parent: this },
    );
    const entries = args.accessList.map(
      (cidr, i) =>
        new mongodbatlas.ServiceAccountAccessListEntry(
          `${name}-access-${i}`,
          { orgId: args.orgId, clientId: account.clientId, cidrBlock: cidr },
          { parent: this },
        ),
    );
    // The secret is created last, so it is never usable before the role and the access list are in place.
    const secret = new mongodbatlas.ServiceAccountSecret(
      `${name}-secret`,
      { orgId: args.orgId, clientId: account.clientId, secretExpiresAfterHours: hours },
      { parent: this, dependsOn: [assignment, ...entries], additionalSecretOutputs: ["secret"] },
    );

    this.clientId = pulumi.secret(account.clientId);
    this.clientSecret = pulumi.secret(secret.secret);
    this.summary = {
      component: "atlas-access:kubernetes:OperatorCredential",
      name,
      lines: [
        `Atlas service account "${displayName}": ${OPERATOR_PROJECT_ROLE} on project ${args.projectId} only (organization role ${OPERATOR_ORG_ROLE})`,
        `usable only from: ${args.accessList.join(", ")}`,
        `client secret expires after ${hours} hours; clientId and clientSecret are Pulumi secrets (never exported), stored in Kubernetes only as the operator's global Secret`,
      ],
    };
    this.registerOutputs({ clientId: this.clientId, clientSecret: this.clientSecret });
  }
}

function validateCredentialArgs(name: string, args: OperatorCredentialArgs): void {
  const check = new ArgsCheck();
  check.expect(
    args.accessList.length > 0,
    "accessList",
    args.accessList,
    "must list the cluster's egress CIDR blocks: an empty list lets Atlas accept the credential from anywhere",
  );
  args.accessList.forEach((cidr, i) => {
    const problem = accessListProblem(cidr);
    if (problem) check.bad(`accessList[${i}]`, cidr, problem);
  });
  const hours = args.secretExpiresAfterHours;
  check.expect(
    hours === undefined || (Number.isSafeInteger(hours) && hours >= 8 && hours <= 8760),
    "secretExpiresAfterHours",
    hours,
    "must be a whole number of hours from 8 to 8760",
  );
  check.throwIfAny("OperatorCredential", name);
}
