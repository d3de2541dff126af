import * as pulumi from "@pulumi/pulumi";
import * as mongodbatlas from "@pulumi/mongodbatlas";
import { EMAIL, HTTPS_URL } from "../../../domain/formats";
import type { AccessSummary } from "../../../domain/summary";
import { ArgsCheck } from "../../component";

export const DATABASE_AUDITING_TYPE = "atlas-access:atlas:DatabaseAuditing";

/**
 * MongoDB audit `atype` values of user and role management (MongoDB manual, "Audit Event Actions, Details, and
 * Results"): create, drop, update, grant and revoke of users, roles and privileges.
 */
export const USER_ROLE_MANAGEMENT_ATYPES = [
  "createUser",
  "dropUser",
  "dropAllUsersFromDatabase",
  "updateUser",
  "grantRolesToUser",
  "revokeRolesFromUser",
  "createRole",
  "updateRole",
  "dropRole",
  "dropAllRolesFromDatabase",
  "grantRolesToRole",
  "revokeRolesFromRole",
  "grantPrivilegesToRole",
  "revokePrivilegesFromRole",
] as const;

/**
 * What Atlas alerts on that bears on access to the project: the alertable event types of the Admin API's
 * `DefaultAlertConfigViewForNdsGroup` (vendor/atlas-admin-api/) for the project IP access list ("NDS Audit Types") and
 * for the project's Atlas members ("User Event Types"; people who could add database users in the Atlas UI).
 */
export const ACCESS_ALERT_EVENTS = [
  { eventType: "NETWORK_PERMISSION_ENTRY_ADDED", what: "project IP access list entry added" },
  { eventType: "NETWORK_PERMISSION_ENTRY_UPDATED", what: "project IP access list entry changed" },
  { eventType: "NETWORK_PERMISSION_ENTRY_REMOVED", what: "project IP access list entry removed" },
  { eventType: "JOINED_GROUP", what: "Atlas user joined the project" },
  { eventType: "USER_ROLES_CHANGED_AUDIT", what: "Atlas user's project roles changed" },
  { eventType: "REMOVED_FROM_GROUP", what: "Atlas user removed from the project" },
] as const;

/**
 * Database user and custom role changes are project events (`EventTypeForNdsGroup`), but no alert configuration view
 * of the Admin API specification accepts them as `eventTypeName`, so Atlas would refuse such an alert configuration.
 * The audit filter records them and the daily live verification reports the users that differ from the program.
 */
export const USER_ROLE_EVENTS_NOT_ALERTABLE = [
  "MONGODB_USER_ADDED",
  "MONGODB_USER_UPDATED",
  "MONGODB_USER_DELETED",
  "MONGODB_ROLE_ADDED",
  "MONGODB_ROLE_UPDATED",
  "MONGODB_ROLE_DELETED",
] as const;

export interface AuditCapture {
  /** @default true */
  authenticationSuccess?: boolean;
  /** @default true */
  authenticationFailure?: boolean;
  /** @default true */
  userAndRoleManagement?: boolean;
}

/**
 * The audit filter (a MongoDB query over audit messages) for the chosen captures. Authentication messages carry
 * `result` 0 on success and an error code (18, AuthenticationFailed) on failure.
 */
export function buildAuditFilter(capture: AuditCapture): Record<string, unknown> {
  const success = capture.authenticationSuccess ?? true;
  const failure = capture.authenticationFailure ?? true;
  const clauses: Record<string, unknown>[] = [];
  if (success && failure) clauses.push({ atype: "authenticate" });
  else if (failure) clauses.push({ atype: "authenticate", result: { $ne: 0 } });
  else if (success) clauses.push({ atype: "authenticate", result: 0 });
  if (capture.userAndRoleManagement ?? true) clauses.push({ atype: { $in: [...USER_ROLE_MANAGEMENT_ATYPES] } });
  if (clauses.length === 0) throw new Error("buildAuditFilter: every capture is off; the filter would capture nothing");
  return clauses.length === 1 ? (clauses[0] as Record<string, unknown>) : { $or: clauses };
}

export interface DatabaseAuditingArgs {
  projectId: pulumi.Input<string>;
  /** What the audit filter captures. @default all three */
  capture?: AuditCapture;
  /** Also audit successful authorization checks (`authCheck`); very noisy. @default false */
  auditAuthorizationSuccess?: boolean;
  /** E-mail addresses notified of access changes Atlas can alert on (ACCESS_ALERT_EVENTS). @default [] */
  emails?: string[];
  /** Webhooks notified of the same; `secret` is sent as a Pulumi secret. @default [] */
  webhooks?: { url: string; secret?: pulumi.Input<string> }[];
}

function validate(name: string, args: DatabaseAuditingArgs): void {
  const check = new ArgsCheck();
  const fail = check.bad.bind(check);
  const c = args.capture ?? {};
  if (c.authenticationSuccess === false && c.authenticationFailure === false && c.userAndRoleManagement === false) {
    fail("capture", c, "keep at least one capture on");
  }
  if ((args.emails ?? []).length === 0 && (args.webhooks ?? []).length === 0)
    fail("emails", args.emails ?? [], "name at least one e-mail or webhook target");
  (args.emails ?? []).forEach((e, i) => {
    if (!EMAIL.test(e)) fail(`emails[${i}]`, e, "use an e-mail address such as security@example.com");
  });
  (args.webhooks ?? []).forEach((w, i) => {
    if (!HTTPS_URL.test(w.url)) fail(`webhooks[${i}].url`, w.url, "use an https:// URL");
  });
  check.throwIfAny("DatabaseAuditing", name);
}

/**
 * Atlas database auditing (one setting per Atlas project) with a filter capturing authentication and user/role
 * management, and alert configurations telling the configured targets when the access list or the project's members
 * change (Atlas has no alert for database user or role changes: USER_ROLE_EVENTS_NOT_ALERTABLE).
 */
export class DatabaseAuditing extends pulumi.ComponentResource {
  public readonly summary: AccessSummary;
  /** The audit filter as sent to Atlas (JSON text). */
  public readonly auditFilter: string;

  constructor(name: string, args: DatabaseAuditingArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(name, args);
    super(DATABASE_AUDITING_TYPE, name, {}, opts);
    const capture = args.capture ?? {};
    this.auditFilter = JSON.stringify(buildAuditFilter(capture));
    new mongodbatlas.Auditing(
      `${name}-auditing`,
      {
        projectId: args.projectId,
        enabled: true,
        auditFilter: this.auditFilter,
        auditAuthorizationSuccess: args.auditAuthorizationSuccess ?? false,
      },
      { parent: this },
    );

    const emails = args.emails ?? [];
    const webhooks = args.webhooks ?? [];
    const notifications = [
      ...emails.map((emailAddress) => ({ typeName: "EMAIL", emailAddress, delayMin: 0 })),
      ...webhooks.map((w) => ({
        typeName: "WEBHOOK",
        webhookUrl: w.url,
        delayMin: 0,
        ...(w.secret === undefined ? {} : { webhookSecret: pulumi.secret(w.secret) }),
      })),
    ];
    for (const e of ACCESS_ALERT_EVENTS) {
      new mongodbatlas.AlertConfiguration(
        `${name}-${e.eventType.toLowerCase().replace(/_/g, "-")}`,
        { projectId: args.projectId, eventType: e.eventType, enabled: true, notifications },
        { parent: this },
      );
    }

    const captured = [
      ...((capture.authenticationSuccess ?? true) ? ["authentication successes"] : []),
      ...((capture.authenticationFailure ?? true) ? ["authentication failures"] : []),
      ...((capture.userAndRoleManagement ?? true)
        ? [`user and role management (${USER_ROLE_MANAGEMENT_ATYPES.join(", ")})`]
        : []),
    ];
    const targets = [...emails, ...webhooks.map((w) => `webhook ${new URL(w.url).host}`)].join(", ");
    const recorded =
      (capture.userAndRoleManagement ?? true)
        ? "the audit filter records them"
        : "the audit filter does not (capture.userAndRoleManagement is off)";
    this.summary = {
      component: DATABASE_AUDITING_TYPE,
      name,
      lines: [
        `database auditing: enabled; captures ${captured.join("; ")}${args.auditAuthorizationSuccess ? "; and every successful authorization check" : ""}`,
        ...ACCESS_ALERT_EVENTS.map((e) => `alert ${e.eventType} (${e.what}) notifies ${targets}`),
        `no alert: database user and custom role changes (${USER_ROLE_EVENTS_NOT_ALERTABLE.join(", ")}) are Atlas events without an alert type; ${recorded} and the daily live verification (npm run verify-live) reports users that differ from this program`,
      ],
    };
    this.registerOutputs({ auditFilter: this.auditFilter });
  }
}
