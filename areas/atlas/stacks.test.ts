/**
 * Proof over both real stacks' registrations (the real program under mocks): users' roles, databases and scopes
 * exactly; secrets stay secret; Secret Manager IAM is per secret; production and staging users are protected.
 */
import { ConfigError } from "../../config/parse";
import type { RunResult } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import { registeredBefore, runStack } from "../../offline/harness";
import { isSecret, unwrapSecrets } from "../../offline/registrations";
import { SECURE_PLACEHOLDER } from "../../config/stackFiles";

const T = {
  user: "mongodbatlas:index/databaseUser:DatabaseUser",
  password: "random:index/randomPassword:RandomPassword",
  secret: "gcp:secretmanager/secret:Secret",
  version: "gcp:secretmanager/secretVersion:SecretVersion",
  iam: "gcp:secretmanager/secretIamMember:SecretIamMember",
  role: "mongodbatlas:index/customDbRole:CustomDbRole",
  workspace: "mongodbatlas:index/streamWorkspace:StreamWorkspace",
  connection: "mongodbatlas:index/streamConnection:StreamConnection",
  auditing: "mongodbatlas:index/auditing:Auditing",
  alert: "mongodbatlas:index/alertConfiguration:AlertConfiguration",
};

const runs = new Map<string, RunResult>();
beforeAll(async () => {
  // Sequential on purpose: the harness's mocks are process-global.
  for (const stack of ["staging", "prod"]) runs.set(stack, await runStack({ stack }));
});
const run = (stack: string) => runs.get(stack) as RunResult;
/** Registrations of `type` declared by this area (AWS IAM users belong to components/aws/connection and its tests). */
const ours = (r: Registration) => r.parentType !== "atlas-access:aws:ConnectionRole";
const ofType = (stack: string, type: string) => run(stack).registrations.filter((r) => r.type === type && ours(r));
/** Registration order follows input resolution, so compare in a stable order. */
const sortedBy = <T>(items: readonly T[], key: (t: T) => unknown) =>
  [...items].sort((a, b) => String(key(a)).localeCompare(String(key(b))));
const byName = (stack: string, name: string) => run(stack).registrations.find((r) => r.name === name) as Registration;

const STAGING_WI =
  "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/syrf-staging.svc.id.goog";
const PROD_WI =
  "principal://iam.googleapis.com/projects/210987654321/locations/global/workloadIdentityPools/syrf-prod.svc.id.goog";

describe("every database user's roles, databases and scopes, exactly", () => {
  const view = (r: Registration) => {
    const { username, authDatabaseName, roles, scopes } = r.inputs;
    return { username, authDatabaseName, roles, scopes };
  };

  it("staging: the app user on syrf_staging; stream users hold one custom role on admin, scoped to the workspace", () => {
    expect(sortedBy(ofType("staging", T.user), (u) => u.inputs.username).map(view)).toEqual([
      {
        username: "syrf_staging_app",
        authDatabaseName: "admin",
        roles: [{ roleName: "readWrite", databaseName: "syrf_staging" }],
        scopes: [{ name: "syrf-shared", type: "CLUSTER" }],
      },
      {
        username: "syrf_staging_stream_operator",
        authDatabaseName: "admin",
        roles: [{ roleName: "syrf-staging-stream-operator", databaseName: "admin" }],
        scopes: [{ name: "syrf-staging-streams", type: "STREAM" }],
      },
      {
        username: "syrf_staging_stream_viewer",
        authDatabaseName: "admin",
        roles: [{ roleName: "syrf-staging-stream-viewer", databaseName: "admin" }],
        scopes: [{ name: "syrf-staging-streams", type: "STREAM" }],
      },
    ]);
  });

  it("prod: only the app user, on syrftest", () => {
    expect(ofType("prod", T.user).map(view)).toEqual([
      {
        username: "syrf_prod_app",
        authDatabaseName: "admin",
        roles: [{ roleName: "readWrite", databaseName: "syrftest" }],
        scopes: [{ name: "syrf-shared", type: "CLUSTER" }],
      },
    ]);
  });

  it("a stream user's custom role is one this stack defines, and the user waits for it and its workspace", () => {
    const user = ofType("staging", T.user).find(
      (u) => u.inputs.username === "syrf_staging_stream_operator",
    ) as Registration;
    // The password is an implicit dependency (an output of the RandomPassword); the role and workspace are explicit.
    expect(user.dependsOn.sort()).toEqual([
      "staging-streams-syrf-staging-stream-operator",
      "staging-streams-syrf-staging-streams",
      "syrf_staging_stream_operator-password",
    ]);
    expect(byName("staging", "staging-streams-syrf-staging-stream-operator").inputs.roleName).toBe(
      "syrf-staging-stream-operator",
    );
  });
});

describe("secrets stay secret", () => {
  it.each(["staging", "prod"])(
    "%s: every password and secret version arrives as a secret envelope, holding the generated password",
    (stack) => {
      const users = ofType(stack, T.user);
      const versions = ofType(stack, T.version);
      expect(users.length).toBeGreaterThan(0);
      expect(versions).toHaveLength(users.length);
      for (const u of users) {
        expect([u.name, isSecret(u.inputs.password)]).toEqual([u.name, true]);
        const component = u.parent as string;
        expect(unwrapSecrets(u.inputs.password)).toBe(`mock-password-${component}-password`);
        const version = byName(stack, `${component}-secret-version`);
        expect([version.name, isSecret(version.inputs.secretData)]).toEqual([version.name, true]);
        expect(unwrapSecrets(version.inputs.secretData)).toBe(unwrapSecrets(u.inputs.password));
        expect(version.inputs.secret).toBe(`${component}-secret-id`);
      }
    },
  );

  it.each(["staging", "prod"])("%s: passwords are generated, 48 letters and digits", (stack) => {
    for (const p of ofType(stack, T.password)) {
      expect(p.inputs).toEqual({ length: 48, special: false, minLower: 4, minUpper: 4, minNumeric: 4 });
    }
  });

  it("prod: the webhook secret from a secure: value reaches Atlas only inside a secret", () => {
    const alerts = ofType("prod", T.alert);
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
  it.each([
    [
      "staging",
      [
        ["atlas-syrf-staging-app", `${STAGING_WI}/subject/ns/staging/sa/syrf-api`],
        [
          "atlas-syrf-staging-stream-operator",
          "serviceAccount:syrf-stream-deployer@syrf-staging.iam.gserviceaccount.com",
        ],
        ["atlas-syrf-staging-stream-viewer", `${STAGING_WI}/subject/ns/monitoring/sa/stream-dashboard`],
      ],
    ],
    ["prod", [["atlas-syrf-prod-app", `${PROD_WI}/subject/ns/production/sa/syrf-api`]]],
  ])(
    "%s: one secretAccessor binding per secret, to the configured identity, and no project-level IAM",
    (stack, expected) => {
      const project = stack === "prod" ? "syrf-prod" : "syrf-staging";
      const secrets = sortedBy(ofType(stack, T.secret), (x) => x.inputs.secretId);
      expect(secrets.map((s) => s.inputs.secretId)).toEqual(expected.map(([id]) => id));
      for (const s of secrets) {
        expect(s.inputs.project).toBe(project);
        expect(s.inputs.replication).toEqual({ auto: {} });
        expect(s.inputs.deletionProtection).toBe(true);
      }
      expect(sortedBy(ofType(stack, T.iam), (m) => m.inputs.secretId).map((m) => m.inputs)).toEqual(
        expected.map(([secretId, member]) => ({
          project,
          secretId,
          role: "roles/secretmanager.secretAccessor",
          member,
        })),
      );
      // Each binding sits next to its own secret (same PasswordUser parent).
      for (const m of ofType(stack, T.iam)) {
        const sibling = secrets.find((s) => s.parent === m.parent) as Registration;
        expect(sibling.inputs.secretId).toBe(m.inputs.secretId);
      }
      const otherIam = run(stack).registrations.filter(
        (r) => /^gcp:/.test(r.type) && /iam/i.test(r.type) && r.type !== T.iam,
      );
      expect(otherIam.map((r) => r.type)).toEqual([]);
      expect(
        run(stack)
          .registrations.filter((r) => r.type.startsWith("gcp:projects/"))
          .map((r) => r.type),
      ).toEqual([]);
    },
  );
});

describe("production and staging users are protected from deletion", () => {
  it.each(["staging", "prod"])("%s: user, password, secret and version have protect and retainOnDelete", (stack) => {
    const kept = run(stack).registrations.filter(
      (r) => [T.user, T.password, T.secret, T.version].includes(r.type) && ours(r),
    );
    expect(kept.length).toBe(ofType(stack, T.user).length * 4);
    for (const r of kept) expect([r.type, r.name, r.protect, r.retainOnDelete]).toEqual([r.type, r.name, true, true]);
  });
});

describe("stream processing", () => {
  it("declares workspaces (never the deprecated StreamInstance)", () => {
    expect(ofType("staging", T.workspace).map((w) => w.inputs)).toEqual([
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        workspaceName: "syrf-staging-streams",
        dataProcessRegion: { cloudProvider: "AWS", region: "DUBLIN_IRL" },
        streamConfig: { tier: "SP10" },
      },
    ]);
    expect(run("staging").registrations.filter((r) => r.type.includes("streamInstance"))).toEqual([]);
    expect(ofType("prod", T.workspace)).toEqual([]);
  });

  it("custom roles carry exactly each persona's actions, and the execution role only data actions on syrf_staging", () => {
    const cluster = [{ cluster: true }];
    const collections = [
      { databaseName: "syrf_staging", collectionName: "screening_events" },
      { databaseName: "syrf_staging", collectionName: "screening_summaries" },
    ];
    const byRoleName = (a: Registration, b: Registration) =>
      String(a.inputs.roleName).localeCompare(String(b.inputs.roleName));
    expect([...ofType("staging", T.role)].sort(byRoleName).map((r) => r.inputs)).toEqual([
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-exec",
        actions: ["FIND", "CHANGE_STREAM", "INSERT", "UPDATE"].map((action) => ({ action, resources: collections })),
      },
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-operator",
        actions: [
          "createStreamProcessor",
          "startStreamProcessor",
          "stopStreamProcessor",
          "dropStreamProcessor",
          "listStreamProcessors",
          "sampleStreamProcessor",
          "streamProcessorStats",
        ].map((action) => ({ action, resources: cluster })),
      },
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-viewer",
        actions: ["listStreamProcessors", "streamProcessorStats"].map((action) => ({ action, resources: cluster })),
      },
    ]);
  });

  it("the connection is of type Cluster and executes as the custom execution role", () => {
    const [connection] = ofType("staging", T.connection);
    expect(connection?.inputs).toEqual({
      projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
      workspaceName: "syrf-staging-streams",
      connectionName: "syrf-shared-staging",
      type: "Cluster",
      clusterName: "syrf-shared",
      dbRoleToExecute: { role: "syrf-staging-stream-exec", type: "CUSTOM" },
    });
    expect(connection?.dependsOn.sort()).toEqual([
      "staging-streams-syrf-staging-stream-exec",
      "staging-streams-syrf-staging-streams",
    ]);
  });
});

describe("database auditing", () => {
  it("prod enables auditing with a filter for authentication and user/role management", () => {
    const [auditing] = ofType("prod", T.auditing);
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
      sortedBy(ofType("prod", T.alert), (a) => a.inputs.eventType).map((a) => [a.inputs.eventType, a.inputs.enabled]),
    ).toEqual([
      ["MONGODB_ROLE_ADDED", true],
      ["MONGODB_ROLE_DELETED", true],
      ["MONGODB_ROLE_UPDATED", true],
      ["MONGODB_USER_ADDED", true],
      ["MONGODB_USER_DELETED", true],
      ["MONGODB_USER_UPDATED", true],
    ]);
  });

  it("only one stack declares the project-wide audit setting (prod)", () => {
    expect(ofType("staging", T.auditing)).toEqual([]);
    expect(ofType("staging", T.alert)).toEqual([]);
  });
});

describe("access matrix (plan summary)", () => {
  it("prod: who the user is, how it authenticates, roles by database, scopes, where the credential lives and who reads it", () => {
    const users = run("prod").outputs.accessSummary.find((s) => s.component === "atlas-access:atlas:ApplicationUsers");
    expect(users).toEqual({
      component: "atlas-access:atlas:ApplicationUsers",
      name: "prod-app-users",
      lines: [
        `syrf_prod_app: password (SCRAM, 48 generated characters); roles readWrite@syrftest; scopes CLUSTER syrf-shared; credential in GCP Secret Manager projects/syrf-prod/secrets/atlas-syrf-prod-app; readable by ${PROD_WI}/subject/ns/production/sa/syrf-api (roles/secretmanager.secretAccessor on that secret only); protected from deletion`,
      ],
    });
  });

  it("staging: the stream users' lines name their custom role and STREAM scope", () => {
    const streams = run("staging").outputs.accessSummary.find(
      (s) => s.component === "atlas-access:atlas:StreamProcessing",
    );
    expect(streams?.lines).toContain(
      "syrf_staging_stream_viewer: password (SCRAM, 48 generated characters); roles syrf-staging-stream-viewer@admin (custom role); scopes STREAM syrf-staging-streams; " +
        `credential in GCP Secret Manager projects/syrf-staging/secrets/atlas-syrf-staging-stream-viewer; readable by ${STAGING_WI}/subject/ns/monitoring/sa/stream-dashboard (roles/secretmanager.secretAccessor on that secret only); protected from deletion`,
    );
    expect(streams?.lines).toContain(
      "connection syrf-staging-streams/syrf-shared-staging: Cluster syrf-shared, executes as syrf-staging-stream-exec (CUSTOM)",
    );
  });
});

describe("bad input registers nothing", () => {
  it("a production user on the staging database stops the run before any resource", async () => {
    let error: unknown;
    try {
      await runStack({
        stack: "prod",
        mutateConfig: (cfg) => {
          (cfg.appUsers as { roles: { role: string; database: string }[] }[])[0]?.roles.push({
            role: "read",
            database: "syrf_staging",
          });
        },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'atlas-access:appUsers[0].roles[1].database: got "syrf_staging"; is the staging database; a prod user may only reach syrftest',
    ]);
    expect(registeredBefore(error)).toEqual([]);
  });
});
