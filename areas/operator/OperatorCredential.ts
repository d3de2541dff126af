import * as pulumi from "@pulumi/pulumi";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import {
  CREDENTIAL_EXPIRY_WARNING_DAYS,
  OPERATOR_ORG_ROLE,
  OPERATOR_PROJECT_ROLE,
  ROTATION_DATE,
  addDays,
} from "../../domain/atlas";
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
  /** Service account name shown in Atlas, followed by the generation's date. @default "atlas-kubernetes-operator" */
  displayName?: string;
  /**
   * The credential's generation: the day it was last rotated (`YYYY-MM-DD`) and how often it must be. Changing
   * `rotatedOn` rotates it in one run (see the class comment).
   */
  rotation: CredentialRotation;
}

export interface CredentialRotation {
  /** The day of the last rotation, `YYYY-MM-DD`: it names the generation. */
  rotatedOn: string;
  /** Rotate again within this many days. @default 60 */
  rotateEveryDays?: number;
}

/** `20261130` for `2026-11-30`: the generation's part of resource names. */
export const generationOf = (rotatedOn: string): string => rotatedOn.replaceAll("-", "");

/**
 * `atlas-access:kubernetes:OperatorCredential`: an Atlas service account holding only
 * {@link OPERATOR_PROJECT_ROLE} on one project, usable only from the configured addresses. `clientId` and
 * `clientSecret` are Pulumi secrets.
 *
 * Rotation replaces the whole service account: every resource of a generation is named after `rotation.rotatedOn`,
 * so a new date makes Pulumi create the new account, its role, access list and secret, update the operator's
 * Secret (which reads these outputs), and only then delete the previous generation (deletions run last). A new secret
 * on the same account would not do: Atlas keeps at most two secrets per service account, keeps expired ones until
 * they are deleted, and the provider always creates an initial secret with the account that the program cannot delete.
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
    const every = args.rotation.rotateEveryDays ?? 60;
    const generation = `${name}-${generationOf(args.rotation.rotatedOn)}`;

    const account = new mongodbatlas.ServiceAccount(
      `${generation}-account`,
      {
        orgId: args.orgId,
        name: `${displayName}-${args.rotation.rotatedOn}`,
        description: `Atlas Kubernetes Operator, ${OPERATOR_PROJECT_ROLE} on project ${args.projectId} only, managed by atlas-access`,
        roles: [OPERATOR_ORG_ROLE],
        secretExpiresAfterHours: INITIAL_SECRET_HOURS,
      },
      // The initial secret Atlas returns on creation lands in `secrets`: keep it encrypted in state.
      { parent: this, additionalSecretOutputs: ["secrets"] },
    );
    const assignment = new mongodbatlas.ServiceAccountProjectAssignment(
      `${generation}-project`,
      { clientId: account.clientId, projectId: args.projectId, roles: [OPERATOR_PROJECT_ROLE] },
      { parent: this },
    );
    const entries = args.accessList.map(
      (cidr, i) =>
        new mongodbatlas.ServiceAccountAccessListEntry(
          `${generation}-access-${i}`,
          { orgId: args.orgId, clientId: account.clientId, cidrBlock: cidr },
          { parent: this },
        ),
    );
    // The secret is created last, so it is never usable before the role and the access list are in place.
    const secret = new mongodbatlas.ServiceAccountSecret(
      `${generation}-secret`,
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
        `generation ${args.rotation.rotatedOn}: rotate by ${addDays(args.rotation.rotatedOn, every)} (every ${every} days: set operator.credential.rotation.rotatedOn to the day of rotation and deploy); its client secret expires ${hours} hours after creation`,
        `clientId and clientSecret are Pulumi secrets (never exported), stored in Kubernetes only as the operator's global Secret`,
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
  check.expect(
    ROTATION_DATE.test(args.rotation.rotatedOn) && !Number.isNaN(Date.parse(args.rotation.rotatedOn)),
    "rotation.rotatedOn",
    args.rotation.rotatedOn,
    "must be the day of the last rotation as YYYY-MM-DD, e.g. 2026-11-30",
  );
  const every = args.rotation.rotateEveryDays ?? 60;
  check.expect(
    Number.isSafeInteger(every) && every >= 1 && (every + CREDENTIAL_EXPIRY_WARNING_DAYS) * 24 <= (hours ?? 2160),
    "rotation.rotateEveryDays",
    every,
    `must be a whole number of days that leaves at least ${CREDENTIAL_EXPIRY_WARNING_DAYS} days of the secret's lifetime (${hours ?? 2160} hours) after it`,
  );
  check.throwIfAny("OperatorCredential", name);
}
