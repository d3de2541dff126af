/** The Atlas access rules of the config schema: one test per bad input, each with its exact message. */
import { parseStackConfig } from "../../program/config";
import { readStackConfig } from "../../offline/stackFiles";
import { problemsOf } from "../../test/support/config";

type Raw = Record<string, unknown>;
interface AppUser {
  username: string;
  roles: { role: string; database: string }[];
  roleOptIns?: { role: string; reason: string }[];
  scopes?: string[];
  secretId: string;
  secretAccessor: string;
}
interface Streams {
  workspaces: { name: string }[];
  personaRoles: { name: string; actions: string[] }[];
  executionRoles: { name: string; database: string; actions: string[] }[];
  users: { username: string; role: string; workspaces?: string[]; secretId: string; secretAccessor: string }[];
  connections: { workspace: string; cluster: string; executeAs: { role: string; type: string } }[];
}

const stack = (name: "staging" | "prod") => structuredClone(readStackConfig(name).project);
const appUser = (cfg: Raw, i = 0) => (cfg.appUsers as AppUser[])[i] as AppUser;
const streams = (cfg: Raw) => cfg.streams as Streams;

const ACCESSOR_HINT =
  "must be one workload identity: serviceAccount:<name>@<project>.iam.gserviceaccount.com, " +
  "principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/<subject> " +
  "or principalSet://… for one group, attribute, namespace or cluster; never allUsers, allAuthenticatedUsers, user:, group: or domain:";

describe("atlas access config: both example stacks", () => {
  it.each(["staging", "prod"] as const)("accepts Pulumi.%s.yaml", (name) => {
    expect(() => parseStackConfig(stack(name))).not.toThrow();
  });
});

describe("atlas access config: no noise from a broken atlas section", () => {
  it("reports only the atlas problem when the databases users are compared against are themselves invalid", () => {
    const cfg = stack("staging");
    (cfg.atlas as { environmentDatabases: Record<string, string> }).environmentDatabases.staging = "syrftest";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:atlas.environmentDatabases: got {"prod":"syrftest","staging":"syrftest"}; prod and staging must own different databases',
    ]);
  });
});

describe("application users: databases", () => {
  it("rejects a production user on the staging database", () => {
    const cfg = stack("prod");
    appUser(cfg).roles[0] = { role: "readWrite", database: "syrf_staging" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].database: got "syrf_staging"; is the staging database; a prod user may only reach syrftest',
    ]);
  });

  it("rejects a production user on a preview database (default prefix syrf_pr_ when the stack has no previews)", () => {
    const cfg = stack("prod");
    appUser(cfg).roles[0] = { role: "read", database: "syrf_pr_42" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].database: got "syrf_pr_42"; is a preview database (prefix syrf_pr_); a prod user may only reach syrftest',
    ]);
  });

  it("rejects a staging user on the production database (the reverse)", () => {
    const cfg = stack("staging");
    appUser(cfg).roles[0] = { role: "readWrite", database: "syrftest" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].database: got "syrftest"; is the prod database; a staging user may only reach syrf_staging',
    ]);
  });

  it("rejects a staging user on a preview database, reading the prefix from atlas-access:previews", () => {
    const cfg = stack("staging");
    cfg.previews = {
      pullRequests: [],
      maxPreviews: 5,
      databasePrefix: "preview_",
      usernamePrefix: "preview_",
      clusters: ["syrf-shared"],
    };
    appUser(cfg).roles[0] = { role: "readWrite", database: "preview_7" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].database: got "preview_7"; is a preview database (prefix preview_); a staging user may only reach syrf_staging',
    ]);
  });

  it("rejects a database that is not the environment's own", () => {
    const cfg = stack("staging");
    appUser(cfg).roles[0] = { role: "read", database: "analytics" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].database: got "analytics"; is not the staging database; a staging user may only reach syrf_staging',
    ]);
  });

  it.each(["admin", "local", "config"])("rejects a role on %s", (db) => {
    const cfg = stack("staging");
    appUser(cfg).roles[0] = { role: "read", database: db };
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:appUsers[0].roles[0].database: got "${db}"; no role of this program is granted on admin, local or config; use syrf_staging`,
    ]);
  });
});

describe("application users: roles", () => {
  it.each([
    ["readWriteAnyDatabase", "every *AnyDatabase role reaches every database of the cluster"],
    ["readAnyDatabase", "every *AnyDatabase role reaches every database of the cluster"],
    ["dbAdminAnyDatabase", "every *AnyDatabase role reaches every database of the cluster"],
    ["userAdminAnyDatabase", "every *AnyDatabase role reaches every database of the cluster"],
    ["atlasAdmin", "it administers every database and user of the project"],
    ["root", "it is superuser on every database"],
    ["clusterMonitor", "it reads server-wide state of every database"],
    ["backup", "it reads every database for backup"],
    ["enableSharding", "it changes sharding across the cluster"],
  ])("rejects the forbidden role %s", (role, reason) => {
    const cfg = stack("prod");
    appUser(cfg).roles[0] = { role, database: "syrftest" };
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:appUsers[0].roles[0].role: got "${role}"; is never granted by this program: ${reason}; use read or readWrite`,
    ]);
  });

  it("rejects a role beyond read/readWrite without an opt-in, saying how to opt in", () => {
    const cfg = stack("prod");
    appUser(cfg).roles.push({ role: "dbAdmin", database: "syrftest" });
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[1].role: got "dbAdmin"; is not on the allowlist (read, readWrite); to grant it anyway add { role: "dbAdmin", reason: "<why>" } to this user\'s roleOptIns',
    ]);
  });

  it("accepts that role with an explicit, documented opt-in", () => {
    const cfg = stack("prod");
    appUser(cfg).roles.push({ role: "dbAdmin", database: "syrftest" });
    appUser(cfg).roleOptIns = [{ role: "dbAdmin", reason: "creates its indexes at start-up (migration runner)" }];
    expect(parseStackConfig(cfg).appUsers?.[0]?.roleOptIns).toEqual([
      { role: "dbAdmin", reason: "creates its indexes at start-up (migration runner)" },
    ]);
  });

  it("rejects a role that is neither allowlisted nor opt-in-able", () => {
    const cfg = stack("prod");
    appUser(cfg).roles[0] = { role: "readWriteSome", database: "syrftest" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roles[0].role: got "readWriteSome"; is not on the allowlist (read, readWrite) nor a role that may be opted in (dbAdmin, dbOwner, userAdmin)',
    ]);
  });

  it("never lets a forbidden role be opted in", () => {
    const cfg = stack("prod");
    appUser(cfg).roles[0] = { role: "readWriteAnyDatabase", database: "syrftest" };
    appUser(cfg).roleOptIns = [{ role: "readWriteAnyDatabase", reason: "the application needs every database" }];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roleOptIns[0].role: got "readWriteAnyDatabase"; must be one of: dbAdmin, dbOwner, userAdmin (no broader role can be opted in)',
    ]);
  });

  it("rejects an opt-in without a real reason", () => {
    const cfg = stack("prod");
    appUser(cfg).roles.push({ role: "dbAdmin", database: "syrftest" });
    appUser(cfg).roleOptIns = [{ role: "dbAdmin", reason: "needed" }];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roleOptIns[0].reason: got "needed"; must explain in at least 20 characters why this user needs the role',
    ]);
  });

  it("rejects an opt-in for a role the user is not granted", () => {
    const cfg = stack("prod");
    appUser(cfg).roleOptIns = [{ role: "userAdmin", reason: "left over from an old migration runner" }];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].roleOptIns[0].role: got "userAdmin"; opts in to a role this user is not granted; remove the opt-in',
    ]);
  });
});

describe("application users: scopes, names, secrets", () => {
  it("rejects missing scopes", () => {
    const cfg = stack("prod");
    delete appUser(cfg).scopes;
    expect(problemsOf(cfg)).toEqual(["atlas-access:appUsers[0].scopes: required but missing; expected array"]);
  });

  it("rejects empty scopes, saying why", () => {
    const cfg = stack("prod");
    appUser(cfg).scopes = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:appUsers[0].scopes: got []; must name at least one cluster: a user without scopes reaches every cluster of the project",
    ]);
  });

  it("rejects a scope that is not a cluster of the project", () => {
    const cfg = stack("prod");
    appUser(cfg).scopes = ["syrf-shared", "other-cluster"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].scopes[1]: got "other-cluster"; is not a cluster of atlas.clusters (syrf-shared)',
    ]);
  });

  it("rejects duplicate usernames among application users", () => {
    const cfg = stack("prod");
    (cfg.appUsers as AppUser[]).push({ ...appUser(cfg), secretId: "atlas-other" });
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[1].username: got "syrf_prod_app"; duplicate of appUsers[0]; each Atlas username must be declared once',
    ]);
  });

  it("rejects a stream user reusing an application user's name", () => {
    const cfg = stack("staging");
    const s = streams(cfg);
    if (s.users[0]) s.users[0].username = "syrf_staging_app";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[0].username: got "syrf_staging_app"; duplicate of appUsers[0]; each Atlas username must be declared once',
    ]);
  });

  it("rejects two users sharing one secret", () => {
    const cfg = stack("staging");
    const s = streams(cfg);
    if (s.users[1]) s.users[1].secretId = "atlas-syrf-staging-app";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[1].secretId: got "atlas-syrf-staging-app"; is already the secret of appUsers[0]; each user needs its own secret',
    ]);
  });

  it("rejects a username in the operator-managed preview zone", () => {
    const cfg = stack("prod");
    appUser(cfg).username = "syrf_pr_9_app";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].username: got "syrf_pr_9_app"; starts with the preview username prefix syrf_pr_ (the operator-managed zone); choose a name outside it',
    ]);
  });

  it.each([
    "allUsers",
    "allAuthenticatedUsers",
    "user:alice@example.com",
    "group:developers@example.com",
    "domain:example.com",
    "serviceAccount:syrf-api@gmail.com",
    "principalSet://iam.googleapis.com/projects/210987654321/locations/global/workloadIdentityPools/syrf-prod.svc.id.goog/*",
  ])("rejects the secret accessor %s", (member) => {
    const cfg = stack("prod");
    appUser(cfg).secretAccessor = member;
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:appUsers[0].secretAccessor: got ${JSON.stringify(member)}; ${ACCESSOR_HINT}`,
    ]);
  });

  it.each([
    "serviceAccount:syrf-api@syrf-prod.iam.gserviceaccount.com",
    "principalSet://iam.googleapis.com/projects/210987654321/locations/global/workloadIdentityPools/syrf-prod.svc.id.goog/namespace/production",
  ])("accepts the secret accessor %s", (member) => {
    const cfg = stack("prod");
    appUser(cfg).secretAccessor = member;
    expect(parseStackConfig(cfg).appUsers?.[0]?.secretAccessor).toBe(member);
  });

  it("requires atlas-access:gcp when users are declared", () => {
    const cfg = stack("prod");
    delete cfg.gcp;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:gcp: got nothing; required when appUsers or streams.users are declared: their passwords are stored in this GCP project's Secret Manager",
    ]);
  });
});

describe("stream processing", () => {
  it("rejects a custom role action that is not on the documented list", () => {
    const cfg = stack("staging");
    streams(cfg).personaRoles[1]?.actions.push("killStreamProcessor");
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.personaRoles[1].actions[2]: got "killStreamProcessor"; is not a documented stream processor action; accepted: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor, listStreamConnections',
    ]);
  });

  it("rejects a broad data action in a persona role (only stream processor actions)", () => {
    const cfg = stack("staging");
    streams(cfg).personaRoles[0]?.actions.splice(0, 1, "FIND");
    expect(problemsOf(cfg)[0]).toBe(
      'atlas-access:streams.personaRoles[0].actions[0]: got "FIND"; is not a documented stream processor action; accepted: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor, listStreamConnections',
    );
  });

  it("rejects a custom role named like a built-in role", () => {
    const cfg = stack("staging");
    const role = streams(cfg).personaRoles[1];
    if (role) role.name = "atlasAdmin";
    const s = streams(cfg);
    if (s.users[1]) s.users[1].role = "atlasAdmin";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.personaRoles[1].name: got "atlasAdmin"; must not reuse a built-in role name or the reserved xgen- prefix',
    ]);
  });

  it.each([
    [
      "atlasAdmin",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.role: got "atlasAdmin"; is too broad to execute as (it administers every database and user of the project); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "readWriteAnyDatabase",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.role: got "readWriteAnyDatabase"; is too broad to execute as (every *AnyDatabase role reaches every database of the cluster); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "readAnyDatabase",
      "CUSTOM",
      'atlas-access:streams.connections[0].executeAs.role: got "readAnyDatabase"; is too broad to execute as (every *AnyDatabase role reaches every database of the cluster); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "read",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.type: got "BUILT_IN"; every built-in execute-as role (atlasAdmin, readWriteAnyDatabase, readAnyDatabase) reaches every database; use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "syrf-staging-stream-operator",
      "CUSTOM",
      'atlas-access:streams.connections[0].executeAs.role: got "syrf-staging-stream-operator"; is not a role of streams.executionRoles (syrf-staging-stream-exec)',
    ],
  ])("rejects the execute-as role %s (%s)", (role, type, message) => {
    const cfg = stack("staging");
    const c = streams(cfg).connections[0];
    if (c) c.executeAs = { role, type };
    expect(problemsOf(cfg)).toEqual([message]);
  });

  it("rejects an execution role on another environment's database", () => {
    const cfg = stack("staging");
    const r = streams(cfg).executionRoles[0];
    if (r) r.database = "syrftest";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.executionRoles[0].database: got "syrftest"; is the prod database; a staging user may only reach syrf_staging',
    ]);
  });

  it("rejects an execution role on admin", () => {
    const cfg = stack("staging");
    const r = streams(cfg).executionRoles[0];
    if (r) r.database = "admin";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.executionRoles[0].database: got "admin"; no role of this program is granted on admin, local or config; use syrf_staging',
    ]);
  });

  it("rejects an execution role with an administrative action", () => {
    const cfg = stack("staging");
    streams(cfg).executionRoles[0]?.actions.push("DROP_DATABASE");
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.executionRoles[0].actions[4]: got "DROP_DATABASE"; must be one of: FIND, INSERT, UPDATE, REMOVE, CHANGE_STREAM, LIST_COLLECTIONS, LIST_INDEXES, COLL_STATS',
    ]);
  });

  it("rejects a stream user with missing scopes (workspaces)", () => {
    const cfg = stack("staging");
    delete streams(cfg).users[0]?.workspaces;
    expect(problemsOf(cfg)).toEqual(["atlas-access:streams.users[0].workspaces: required but missing; expected array"]);
  });

  it("rejects a stream user with no workspace, saying why", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.workspaces = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:streams.users[0].workspaces: got []; must name at least one workspace: a user without scopes reaches every workspace and cluster of the project",
    ]);
  });

  it("rejects a stream user scoped to an undeclared workspace", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.workspaces = ["prod-streams"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[0].workspaces[0]: got "prod-streams"; is not a workspace of streams.workspaces (syrf-staging-streams)',
    ]);
  });

  it("rejects a stream user whose role is not a persona role", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.role = "syrf-staging-stream-exec";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[0].role: got "syrf-staging-stream-exec"; is not a role of streams.personaRoles (syrf-staging-stream-operator, syrf-staging-stream-viewer)',
    ]);
  });

  it("rejects a stream user's bad secret accessor", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.secretAccessor = "allAuthenticatedUsers";
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:streams.users[0].secretAccessor: got "allAuthenticatedUsers"; ${ACCESSOR_HINT}`,
    ]);
  });

  it("rejects a connection to a cluster outside the project", () => {
    const cfg = stack("staging");
    const c = streams(cfg).connections[0];
    if (c) c.cluster = "elsewhere";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.connections[0].cluster: got "elsewhere"; is not a cluster of atlas.clusters (syrf-shared)',
    ]);
  });
});

describe("database auditing", () => {
  const auditing = (cfg: Raw) =>
    cfg.databaseAuditing as {
      capture?: Record<string, boolean>;
      alerts: { emails: string[]; webhooks: { url: string }[] };
    };

  it("is refused in the staging stack: one setting of the shared project, declared by prod only", () => {
    const cfg = stack("staging");
    cfg.databaseAuditing = structuredClone(stack("prod").databaseAuditing);
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing: got {"environment":"staging"}; is declared by the prod stack only: Atlas auditing and alerts are one setting of the shared Atlas project, so two stacks would overwrite each other; remove it from this stack',
    ]);
  });

  it("rejects a filter that captures nothing", () => {
    const cfg = stack("prod");
    auditing(cfg).capture = {
      authenticationSuccess: false,
      authenticationFailure: false,
      userAndRoleManagement: false,
    };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.capture: got {"authenticationSuccess":false,"authenticationFailure":false,"userAndRoleManagement":false}; captures nothing; keep at least one of authenticationSuccess, authenticationFailure, userAndRoleManagement',
    ]);
  });

  it("rejects alerts with no target", () => {
    const cfg = stack("prod");
    auditing(cfg).alerts = { emails: [], webhooks: [] };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.alerts: got {"emails":[],"webhooks":[]}; must name at least one e-mail or webhook target: an alert nobody receives is not an alert',
    ]);
  });

  it("rejects a plain-http webhook", () => {
    const cfg = stack("prod");
    const w = auditing(cfg).alerts.webhooks[0];
    if (w) w.url = "http://hooks.example.com/atlas";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.alerts.webhooks[0].url: got "http://hooks.example.com/atlas"; must be an https:// URL such as https://alerts.example.com/hooks/aws (plain http is not accepted)',
    ]);
  });
});
