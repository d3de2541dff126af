/** Application users in config: roles and opt-ins, scopes, unique names and secrets, secret accessors. */
import { parseStackConfig } from "../../program/config";
import { problemsOf } from "../../test/support/config";
import { ACCESSOR_HINT, type AppUser, appUser, stack, streams } from "./fixtures/config";

describe("atlas access config: both example stacks", () => {
  it.each(["staging", "prod"] as const)("accepts Pulumi.%s.yaml", (name) => {
    expect(() => parseStackConfig(stack(name))).not.toThrow();
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
