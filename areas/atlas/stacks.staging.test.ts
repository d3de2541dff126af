/**
 * The Atlas area as the real program registers it for the staging stack: users' roles, databases and scopes exactly,
 * secrets that stay secret, Secret Manager access per secret, protection from deletion, stream processing, and no
 * project-wide audit setting (prod's). The prod stack: `stacks.prod.test.ts`.
 */
import type { RunResult } from "../../offline/harness";
import type { Registration } from "../../offline/registrations";
import {
  STAGING_WI,
  T,
  byName,
  expectGeneratedPasswords,
  expectProtectedUsers,
  expectSecretAccessPerSecret,
  expectSecretPasswords,
  ofType,
  sortedBy,
  userView,
} from "./fixtures/registrations";
import { committedRun } from "../../test/support/committedRuns";

let staging: RunResult;
beforeAll(async () => {
  staging = await committedRun("staging");
});

describe("every database user's roles, databases and scopes, exactly", () => {
  it("staging: the app user on syrf_staging; stream users hold one custom role on admin, scoped to the workspace", () => {
    expect(sortedBy(ofType(staging, T.user), (u) => u.inputs.username).map(userView)).toEqual([
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

  it("a stream user's custom role is one this stack defines, and the user waits for it and its workspace", () => {
    const user = ofType(staging, T.user).find(
      (u) => u.inputs.username === "syrf_staging_stream_operator",
    ) as Registration;
    // The password is an implicit dependency (an output of the RandomPassword); the role and workspace are explicit.
    expect([...user.dependsOn].sort()).toEqual([
      "staging-streams-syrf-staging-stream-operator",
      "staging-streams-syrf-staging-streams",
      "syrf_staging_stream_operator-password",
    ]);
    expect(byName(staging, "staging-streams-syrf-staging-stream-operator").inputs.roleName).toBe(
      "syrf-staging-stream-operator",
    );
  });
});

describe("secrets stay secret", () => {
  it("staging: every password and secret version arrives as a secret envelope, holding the generated password", () => {
    expectSecretPasswords(staging);
  });

  it("staging: passwords are generated, 48 letters and digits", () => {
    expectGeneratedPasswords(staging);
  });
});

describe("Secret Manager access is per secret", () => {
  it("staging: one secretAccessor binding per secret, to the configured identity, and no project-level IAM", () => {
    expectSecretAccessPerSecret(staging, "syrf-staging", [
      ["atlas-syrf-staging-app", `${STAGING_WI}/subject/ns/staging/sa/syrf-api`],
      [
        "atlas-syrf-staging-stream-operator",
        "serviceAccount:syrf-stream-deployer@syrf-staging.iam.gserviceaccount.com",
      ],
      ["atlas-syrf-staging-stream-viewer", `${STAGING_WI}/subject/ns/monitoring/sa/stream-dashboard`],
    ]);
  });
});

describe("production and staging users are protected from deletion", () => {
  it("staging: user, password, secret and version have protect and retainOnDelete", () => {
    expectProtectedUsers(staging);
  });
});

describe("stream processing", () => {
  it("declares workspaces (never the deprecated StreamInstance)", () => {
    expect(ofType(staging, T.workspace).map((w) => w.inputs)).toEqual([
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        workspaceName: "syrf-staging-streams",
        dataProcessRegion: { cloudProvider: "AWS", region: "DUBLIN_IRL" },
        streamConfig: { tier: "SP10" },
      },
    ]);
    expect(staging.registrations.filter((r) => r.type.includes("streamInstance"))).toEqual([]);
  });

  it("custom roles carry exactly each persona's actions, and the execution role only data actions on syrf_staging", () => {
    const cluster = [{ cluster: true }];
    const collections = [
      { databaseName: "syrf_staging", collectionName: "screening_events" },
      { databaseName: "syrf_staging", collectionName: "screening_summaries" },
    ];
    const byRoleName = (a: Registration, b: Registration) =>
      String(a.inputs.roleName).localeCompare(String(b.inputs.roleName));
    expect([...ofType(staging, T.role)].sort(byRoleName).map((r) => r.inputs)).toEqual([
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-exec",
        actions: ["FIND", "CHANGE_STREAM", "INSERT", "UPDATE"].map((action) => ({ action, resources: collections })),
      },
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-operator",
        actions: [
          "CREATE_STREAM_PROCESSOR",
          "START_STREAM_PROCESSOR",
          "STOP_STREAM_PROCESSOR",
          "DROP_STREAM_PROCESSOR",
          "LIST_STREAM_PROCESSORS",
          "SAMPLE_STREAM_PROCESSOR",
          "STREAM_PROCESSOR_STATS",
        ].map((action) => ({ action, resources: cluster })),
      },
      {
        projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
        roleName: "syrf-staging-stream-viewer",
        actions: ["LIST_STREAM_PROCESSORS", "STREAM_PROCESSOR_STATS"].map((action) => ({ action, resources: cluster })),
      },
    ]);
  });

  it("the connection is of type Cluster and executes as the custom execution role", () => {
    const [connection] = ofType(staging, T.connection);
    expect(connection?.inputs).toEqual({
      projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
      workspaceName: "syrf-staging-streams",
      connectionName: "syrf-shared-staging",
      type: "Cluster",
      clusterName: "syrf-shared",
      dbRoleToExecute: { role: "syrf-staging-stream-exec", type: "CUSTOM" },
    });
    expect([...(connection?.dependsOn ?? [])].sort()).toEqual([
      "staging-streams-syrf-staging-stream-exec",
      "staging-streams-syrf-staging-streams",
    ]);
  });
});

describe("database auditing", () => {
  it("only one stack declares the project-wide audit setting (prod)", () => {
    expect(ofType(staging, T.auditing)).toEqual([]);
    expect(ofType(staging, T.alert)).toEqual([]);
  });
});

describe("access matrix (plan summary)", () => {
  it("staging: the stream users' lines name their custom role and STREAM scope", () => {
    const streams = staging.outputs.accessSummary.find((s) => s.component === "atlas-access:atlas:StreamProcessing");
    expect(streams?.lines).toContain(
      "syrf_staging_stream_viewer: password (SCRAM, 48 generated characters); roles syrf-staging-stream-viewer@admin (custom role); scopes STREAM syrf-staging-streams; " +
        `credential in GCP Secret Manager projects/syrf-staging/secrets/atlas-syrf-staging-stream-viewer; readable by ${STAGING_WI}/subject/ns/monitoring/sa/stream-dashboard (roles/secretmanager.secretAccessor on that secret only); protected from deletion`,
    );
    expect(streams?.lines).toContain(
      "role syrf-staging-stream-viewer (persona viewer): LIST_STREAM_PROCESSORS, STREAM_PROCESSOR_STATS; on the workspaces its holder is scoped to",
    );
    expect(streams?.lines).toContain(
      "connection syrf-staging-streams/syrf-shared-staging: Cluster syrf-shared, executes as syrf-staging-stream-exec (CUSTOM)",
    );
  });
});
