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
  sortedBy,
  userView,
} from "./fixtures/registrations";

let prod: RunResult;
beforeAll(async () => {
  prod = await runStack({ stack: "prod" });
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

  it("without a webhook secret the notification targets stay readable", async () => {
    const result = await runStack({
      stack: "prod",
      mutateConfig: (cfg) => {
        (cfg.databaseAuditing as { alerts: { webhooks: unknown[] } }).alerts.webhooks = [];
      },
    });
    const alert = result.registrations.find((r) => r.type === T.alert) as Registration;
    expect(alert.inputs.notifications).toEqual([
      { typeName: "EMAIL", emailAddress: "security@example.com", delayMin: 0 },
      { typeName: "EMAIL", emailAddress: "platform@example.com", delayMin: 0 },
    ]);
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

  it("prod alerts on database users and roles added, changed or removed", () => {
    expect(
      sortedBy(ofType(prod, T.alert), (a) => a.inputs.eventType).map((a) => [a.inputs.eventType, a.inputs.enabled]),
    ).toEqual([
      ["MONGODB_ROLE_ADDED", true],
      ["MONGODB_ROLE_DELETED", true],
      ["MONGODB_ROLE_UPDATED", true],
      ["MONGODB_USER_ADDED", true],
      ["MONGODB_USER_DELETED", true],
      ["MONGODB_USER_UPDATED", true],
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
