/**
 * The Atlas area as the real program registers it for the prod stack: users' roles, databases and scopes exactly,
 * secrets that stay secret (the webhook secret too), Secret Manager access per secret, protection from deletion, no
 * stream processing (staging's), and the project-wide database auditing. The staging stack: `stacks.staging.test.ts`.
 */
import { type RunResult, runStack } from "../../offline/harness";
import { type Registration, isSecret, unwrapSecrets } from "../../offline/registrations";
import { SECURE_PLACEHOLDER } from "../../config/stackFiles";
import {
  PROD_WI,
  T,
  expectGeneratedPasswords,
  expectProtectedUsers,
  expectSecretAccessPerSecret,
  expectSecretPasswords,
  ofType,
  userView,
} from "./fixtures/registrations";
import { committedRun } from "../../test/support/committedRuns";

let prod: RunResult;
beforeAll(async () => {
  prod = await committedRun("prod");
});

describe("every database user's roles, databases and scopes, exactly", () => {
  it("prod: only the app user, on syrftest", () => {
    expect(ofType(prod, T.user).map(userView)).toEqual([
      {
        username: "syrf_prod_app",
        authDatabaseName: "admin",
        roles: [{ roleName: "readWrite", databaseName: "syrftest" }],
        scopes: [{ name: "syrf-shared", type: "CLUSTER" }],
      },
    ]);
  });
});

describe("secrets stay secret", () => {
  it("prod: every password and secret version arrives as a secret envelope, holding the generated password", () => {
    expectSecretPasswords(prod);
  });

  it("prod: passwords are generated, 48 letters and digits", () => {
    expectGeneratedPasswords(prod);
  });

  it("prod: the webhook secret from a secure: value reaches Atlas only inside a secret", () => {
    const alerts = ofType(prod, T.alert);
    expect(alerts).toHaveLength(6);
    for (const a of alerts) {
      expect(isSecret(a.inputs.notifications)).toBe(true);
      expect(unwrapSecrets(a.inputs.notifications)).toEqual([
        { typeName: "EMAIL", emailAddress: "security@example.com", delayMin: 0 },
        { typeName: "EMAIL", emailAddress: "platform@example.com", delayMin: 0 },
        {
          typeName: "WEBHOOK",
          webhookUrl: "https://hooks.example.com/atlas/syrf-security",
          delayMin: 0,
          webhookSecret: SECURE_PLACEHOLDER,
        },
      ]);
    }
  });

  // One run for two variations of the audit settings (each run costs a second of CPU).
  it("without a webhook secret the notification targets stay readable; without the user/role capture the plan says so", async () => {
    const result = await runStack({
      stack: "prod",
      mutateConfig: (cfg) => {
        const auditing = cfg.databaseAuditing as { alerts: { webhooks: unknown[] }; capture?: object };
        auditing.alerts.webhooks = [];
        auditing.capture = { userAndRoleManagement: false };
      },
    });
    const alert = result.registrations.find((r) => r.type === T.alert) as Registration;
    expect(alert.inputs.notifications).toEqual([
      { typeName: "EMAIL", emailAddress: "security@example.com", delayMin: 0 },
      { typeName: "EMAIL", emailAddress: "platform@example.com", delayMin: 0 },
    ]);
    const auditing = result.outputs.accessSummary.find((s) => s.component === "atlas-access:atlas:DatabaseAuditing");
    expect(auditing?.lines.at(-1)).toBe(
      "no alert: database user and custom role changes (MONGODB_USER_ADDED, MONGODB_USER_UPDATED, MONGODB_USER_DELETED, MONGODB_ROLE_ADDED, MONGODB_ROLE_UPDATED, MONGODB_ROLE_DELETED) are Atlas events without an alert type; the audit filter does not (capture.userAndRoleManagement is off) and the daily live verification (npm run verify-live) reports users that differ from this program",
    );
  });
});

describe("Secret Manager access is per secret", () => {
  it("prod: one secretAccessor binding per secret, to the configured identity, and no project-level IAM", () => {
    expectSecretAccessPerSecret(prod, "syrf-prod", [
      ["atlas-syrf-prod-app", `${PROD_WI}/subject/ns/production/sa/syrf-api`],
    ]);
  });
});

describe("production and staging users are protected from deletion", () => {
  it("prod: user, password, secret and version have protect and retainOnDelete", () => {
    expectProtectedUsers(prod);
  });
});

describe("stream processing", () => {
  it("prod declares no stream workspace (streams are declared in staging only)", () => {
    expect(ofType(prod, T.workspace)).toEqual([]);
  });
});

describe("database auditing", () => {
  it("prod enables auditing with a filter for authentication and user/role management", () => {
    const [auditing] = ofType(prod, T.auditing);
    expect({ ...auditing?.inputs, auditFilter: JSON.parse(String(auditing?.inputs.auditFilter)) }).toEqual({
      projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
      enabled: true,
      auditAuthorizationSuccess: false,
      auditFilter: {
        $or: [
          { atype: "authenticate" },
          {
            atype: {
              $in: [
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
              ],
            },
          },
        ],
      },
    });
  });

  it("prod alerts on what Atlas can alert on about access: the IP access list and the project's Atlas members", () => {
    expect(ofType(prod, T.alert).map((a) => [a.name, a.inputs.eventType, a.inputs.enabled])).toEqual([
      ["prod-database-auditing-network-permission-entry-added", "NETWORK_PERMISSION_ENTRY_ADDED", true],
      ["prod-database-auditing-network-permission-entry-updated", "NETWORK_PERMISSION_ENTRY_UPDATED", true],
      ["prod-database-auditing-network-permission-entry-removed", "NETWORK_PERMISSION_ENTRY_REMOVED", true],
      ["prod-database-auditing-joined-group", "JOINED_GROUP", true],
      ["prod-database-auditing-user-roles-changed-audit", "USER_ROLES_CHANGED_AUDIT", true],
      ["prod-database-auditing-removed-from-group", "REMOVED_FROM_GROUP", true],
    ]);
  });

  it("prod: the plan says what is alerted, to whom, and that database user and role changes have no Atlas alert", () => {
    const auditing = prod.outputs.accessSummary.find((s) => s.component === "atlas-access:atlas:DatabaseAuditing");
    const to = "security@example.com, platform@example.com, webhook hooks.example.com";
    expect(auditing?.lines.slice(1)).toEqual([
      `alert NETWORK_PERMISSION_ENTRY_ADDED (project IP access list entry added) notifies ${to}`,
      `alert NETWORK_PERMISSION_ENTRY_UPDATED (project IP access list entry changed) notifies ${to}`,
      `alert NETWORK_PERMISSION_ENTRY_REMOVED (project IP access list entry removed) notifies ${to}`,
      `alert JOINED_GROUP (Atlas user joined the project) notifies ${to}`,
      `alert USER_ROLES_CHANGED_AUDIT (Atlas user's project roles changed) notifies ${to}`,
      `alert REMOVED_FROM_GROUP (Atlas user removed from the project) notifies ${to}`,
      "no alert: database user and custom role changes (MONGODB_USER_ADDED, MONGODB_USER_UPDATED, MONGODB_USER_DELETED, MONGODB_ROLE_ADDED, MONGODB_ROLE_UPDATED, MONGODB_ROLE_DELETED) are Atlas events without an alert type; the audit filter records them and the daily live verification (npm run verify-live) reports users that differ from this program",
    ]);
  });
});

describe("access matrix (plan summary)", () => {
  it("prod: who the user is, how it authenticates, roles by database, scopes, where the credential lives and who reads it", () => {
    const users = prod.outputs.accessSummary.find((s) => s.component === "atlas-access:atlas:ApplicationUsers");
    expect(users).toEqual({
      component: "atlas-access:atlas:ApplicationUsers",
      name: "prod-app-users",
      lines: [
        `syrf_prod_app: password (SCRAM, 48 generated characters); roles readWrite@syrftest; scopes CLUSTER syrf-shared; credential in GCP Secret Manager projects/syrf-prod/secrets/atlas-syrf-prod-app; readable by ${PROD_WI}/subject/ns/production/sa/syrf-api (roles/secretmanager.secretAccessor on that secret only); protected from deletion`,
      ],
    });
  });
});
