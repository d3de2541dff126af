/**
 * The components refuse bad args themselves, before registering anything (validation runs before `super`), so they
 * stay safe when constructed directly rather than from validated config. Also: the audit filter for each toggle.
 */
import { buildAuditFilter, DatabaseAuditing } from "./auditing/DatabaseAuditing";
import { personaRoleActions, type StreamProcessingArgs } from "./streams/args";
import { StreamProcessing } from "./streams/StreamProcessing";
import { ApplicationUsers } from "./users/ApplicationUsers";
import { PasswordUser, type PasswordUserArgs } from "./users/PasswordUser";

const SA = "serviceAccount:syrf-api@syrf-prod.iam.gserviceaccount.com";
const user = (over: Partial<PasswordUserArgs> = {}): PasswordUserArgs => ({
  projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
  username: "syrf_prod_app",
  roles: [{ roleName: "readWrite", databaseName: "syrftest" }],
  scopes: [{ name: "syrf-shared", type: "CLUSTER" }],
  gcpProject: "syrf-prod",
  secretId: "atlas-syrf-prod-app",
  secretAccessor: SA,
  ...over,
});

describe("PasswordUser refuses bad args, naming the argument, the value and the fix", () => {
  it.each([
    [
      { roles: [{ roleName: "readWriteAnyDatabase", databaseName: "syrftest" }] },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.roles[0].roleName: got "readWriteAnyDatabase"; never grant it (every *AnyDatabase role reaches every database of the cluster); use read or readWrite on one database',
    ],
    [
      { roles: [{ roleName: "read", databaseName: "admin" }] },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.roles[0].databaseName: got "admin"; grant built-in roles on the application\'s database, never admin, local or config',
    ],
    [
      { roles: [{ roleName: "ops", databaseName: "syrftest", custom: true }] },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.roles[0].databaseName: got "syrftest"; a custom role is granted on "admin" (Atlas rule)',
    ],
    [
      {
        roles: [
          { roleName: "ops", databaseName: "admin", custom: true },
          { roleName: "read", databaseName: "syrftest" },
        ],
      },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.roles: got 2; a user holding a custom role can hold no other role (Atlas rule); give it one role',
    ],
    [
      { roles: [] },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.roles: got []; grant at least one role',
    ],
    [
      { scopes: [] },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.scopes: got []; name at least one cluster or stream workspace: without scopes the user reaches every one',
    ],
    [
      { secretAccessor: "allUsers" },
      'PasswordUser "u": invalid arguments; nothing was created:\n  - args.secretAccessor: got "allUsers"; must be one workload identity: serviceAccount:<name>@<project>.iam.gserviceaccount.com, principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/<subject> or principalSet://… for one group, attribute, namespace or cluster; never allUsers, allAuthenticatedUsers, user:, group: or domain:',
    ],
  ] as [Partial<PasswordUserArgs>, string][])("%j", (over, message) => {
    expect(() => new PasswordUser("u", user(over))).toThrow(new Error(message));
  });
});

describe("ApplicationUsers refuses roles beyond the allowlist and other databases", () => {
  const base = { projectId: "p", database: "syrftest", gcpProject: "syrf-prod" };
  const spec = { username: "syrf_prod_app", scopes: ["syrf-shared"], secretId: "s", secretAccessor: SA };

  it("a role not on the allowlist without an opt-in", () => {
    expect(
      () =>
        new ApplicationUsers("a", {
          ...base,
          users: [{ ...spec, roles: [{ role: "dbAdmin", database: "syrftest" }] }],
        }),
    ).toThrow(
      new Error(
        'ApplicationUsers "a": invalid arguments; nothing was created:\n  - args.users[0].roles[0].role: got "dbAdmin"; use read or readWrite, or opt in to one of dbAdmin, dbOwner, userAdmin with a reason',
      ),
    );
  });

  it("a database that is not the environment's", () => {
    expect(
      () =>
        new ApplicationUsers("a", {
          ...base,
          users: [{ ...spec, roles: [{ role: "read", database: "syrf_staging" }] }],
        }),
    ).toThrow(
      new Error(
        'ApplicationUsers "a": invalid arguments; nothing was created:\n  - args.users[0].roles[0].database: got "syrf_staging"; this environment\'s users may only reach syrftest',
      ),
    );
  });

  it("a duplicate username", () => {
    const u = { ...spec, roles: [{ role: "read", database: "syrftest" }] };
    expect(() => new ApplicationUsers("a", { ...base, users: [u, u] })).toThrow(
      new Error(
        'ApplicationUsers "a": invalid arguments; nothing was created:\n  - args.users[1].username: got "syrf_prod_app"; declare each username once',
      ),
    );
  });
});

describe("persona role actions: the Admin API's names, aliases mapped once and shown in the plan", () => {
  it("sends API names as they are and a documented alias as its API name, naming the alias in the summary", () => {
    expect(
      personaRoleActions({
        name: "viewer",
        persona: "viewer",
        actions: ["LIST_STREAM_PROCESSORS", "streamProcessorStats"],
      }),
    ).toEqual({
      actions: ["LIST_STREAM_PROCESSORS", "STREAM_PROCESSOR_STATS"],
      line: "role viewer (persona viewer): LIST_STREAM_PROCESSORS, STREAM_PROCESSOR_STATS (config: streamProcessorStats); on the workspaces its holder is scoped to",
    });
  });
});

describe("StreamProcessing refuses undocumented actions and broad execute-as roles", () => {
  const base: StreamProcessingArgs = {
    projectId: "p",
    workspaces: [{ name: "ws", cloudProvider: "AWS", region: "DUBLIN_IRL" }],
    personaRoles: [{ name: "viewer", persona: "viewer", actions: ["listStreamProcessors"] }],
    executionRoles: [{ name: "exec", database: "syrf_staging", actions: ["FIND"] }],
  };

  it("an action that is not a documented stream processor action", () => {
    expect(
      () =>
        new StreamProcessing("s", {
          ...base,
          personaRoles: [{ name: "viewer", persona: "viewer", actions: ["createStreamProcessorX"] }],
        }),
    ).toThrow(
      new Error(
        `StreamProcessing "s": invalid arguments; nothing was created:\n  - args.personaRoles[0].actions[0]: got "createStreamProcessorX"; use the Admin API's stream processor actions: PROCESS_STREAM_PROCESSOR, CREATE_STREAM_PROCESSOR, START_STREAM_PROCESSOR, STOP_STREAM_PROCESSOR, DROP_STREAM_PROCESSOR, LIST_STREAM_PROCESSORS, SAMPLE_STREAM_PROCESSOR, STREAM_PROCESSOR_STATS, LIST_CONNECTIONS, GET_STREAM_PROCESSOR (or a documented alias: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor)`,
      ),
    );
  });

  it("executing as atlasAdmin", () => {
    expect(
      () =>
        new StreamProcessing("s", {
          ...base,
          connections: [{ workspace: "ws", name: "c", cluster: "syrf-shared", executeAs: "atlasAdmin" }],
        }),
    ).toThrow(
      new Error(
        'StreamProcessing "s": invalid arguments; nothing was created:\n  - args.connections[0].executeAs: got "atlasAdmin"; never execute as a broad role (it administers every database and user of the project); use one of the execution roles',
      ),
    );
  });

  it("an execution role on admin", () => {
    expect(
      () =>
        new StreamProcessing("s", {
          ...base,
          executionRoles: [{ name: "exec", database: "admin", actions: ["FIND"] }],
        }),
    ).toThrow(
      new Error(
        'StreamProcessing "s": invalid arguments; nothing was created:\n  - args.executionRoles[0].database: got "admin"; execute as a role on the application\'s database, never admin, local or config',
      ),
    );
  });

  it("a user without workspaces", () => {
    expect(
      () =>
        new StreamProcessing("s", {
          ...base,
          gcpProject: "syrf-staging",
          users: [{ username: "v", role: "viewer", workspaces: [], secretId: "v", secretAccessor: SA }],
        }),
    ).toThrow(
      new Error(
        'StreamProcessing "s": invalid arguments; nothing was created:\n  - args.users[0].workspaces: got []; name at least one workspace: without scopes the user reaches every workspace and cluster',
      ),
    );
  });
});

describe("DatabaseAuditing", () => {
  it("refuses alerts nobody receives", () => {
    expect(() => new DatabaseAuditing("d", { projectId: "p" })).toThrow(
      new Error(
        'DatabaseAuditing "d": invalid arguments; nothing was created:\n  - args.emails: got []; name at least one e-mail or webhook target',
      ),
    );
  });

  it("refuses a plain-http webhook", () => {
    expect(() => new DatabaseAuditing("d", { projectId: "p", webhooks: [{ url: "http://x.example.com" }] })).toThrow(
      new Error(
        'DatabaseAuditing "d": invalid arguments; nothing was created:\n  - args.webhooks[0].url: got "http://x.example.com"; use an https:// URL',
      ),
    );
  });

  const management = {
    atype: {
      $in: expect.arrayContaining([
        "createUser",
        "dropUser",
        "updateUser",
        "grantRolesToUser",
        "revokeRolesFromUser",
        "createRole",
        "dropRole",
        "updateRole",
        "grantPrivilegesToRole",
        "revokePrivilegesFromRole",
      ]),
    },
  };
  it.each([
    [{}, { $or: [{ atype: "authenticate" }, management] }],
    [{ authenticationSuccess: false }, { $or: [{ atype: "authenticate", result: { $ne: 0 } }, management] }],
    [{ authenticationFailure: false }, { $or: [{ atype: "authenticate", result: 0 }, management] }],
    [{ userAndRoleManagement: false }, { atype: "authenticate" }],
    [{ authenticationSuccess: false, authenticationFailure: false }, management],
  ])("audit filter for %j", (capture, filter) => {
    expect(buildAuditFilter(capture)).toEqual(filter);
  });

  it("refuses a filter that captures nothing", () => {
    expect(() =>
      buildAuditFilter({ authenticationSuccess: false, authenticationFailure: false, userAndRoleManagement: false }),
    ).toThrow(new Error("buildAuditFilter: every capture is off; the filter would capture nothing"));
  });
});
