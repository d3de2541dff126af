/**
 * The stacks of the repository against each other (the cross-stack phase): GCP projects, secret readers, Atlas
 * usernames, the principals of each environment's database, and the project-wide settings. Each case changes the
 * committed stacks' values in one way and expects exactly the problems that change causes.
 */
import { engineValues, problemsAcross } from "../../test/support/config";
import type { AppUser, Raw, Streams } from "./fixtures/config";

type Connection = { name: string; allowedPrincipals: string[] };
const committed = (): Record<string, Raw> => ({ staging: engineValues("staging"), prod: engineValues("prod") });
const users = (cfg: Raw) => cfg.appUsers as AppUser[];
const connections = (cfg: Raw) => (cfg.aws as { connections: Connection[] }).connections;
const only = (prefix: string, problems: string[]) => problems.filter((p) => p.startsWith(prefix));

describe("cross-stack rules of the Atlas area", () => {
  it("accepts the committed stacks against each other", () => {
    const stacks = committed();
    expect(problemsAcross(stacks, "staging")).toEqual([]);
    expect(problemsAcross(stacks, "prod")).toEqual([]);
  });

  it("refuses a GCP project another stack keeps its secrets in", () => {
    const stacks = committed();
    (stacks.prod as { gcp: { projectId: string } }).gcp.projectId = "syrf-staging";
    expect(problemsAcross(stacks, "prod")).toEqual([
      "atlas-access:gcp.projectId: got \"syrf-staging\"; is also the GCP project of stack staging; each stack keeps its users' passwords in its own project, so that no reader of one stack's secrets can be granted another's",
    ]);
  });

  it("refuses a secret reader of another stack", () => {
    const stacks = committed();
    const deployer = "serviceAccount:syrf-stream-deployer@syrf-staging.iam.gserviceaccount.com";
    (users(stacks.prod as Raw)[0] as AppUser).secretAccessor = deployer;
    expect(problemsAcross(stacks, "prod")).toEqual([
      `atlas-access:appUsers[0].secretAccessor: got "${deployer}"; also reads a password of stack staging (streams.users[0].secretAccessor); give each stack's workloads their own identity, so that one environment's workload can never read another's credentials`,
    ]);
  });

  it("refuses an Atlas username or a connection role of another stack of the same Atlas project", () => {
    const stacks = committed();
    (users(stacks.prod as Raw)[0] as AppUser).username = "syrf_staging_app";
    (connections(stacks.prod as Raw)[0] as Connection).name = "SYRF-staging-api-atlas";
    expect(problemsAcross(stacks, "prod")).toEqual([
      'atlas-access:appUsers[0].username: got "syrf_staging_app"; is also an Atlas user of stack staging (appUsers[0].username); the stacks share one Atlas project, so they would overwrite each other\'s user',
      'atlas-access:aws.connections[0].name: got "SYRF-staging-api-atlas"; names Atlas user arn:aws:iam::111122223333:role/SYRF-staging-api-atlas, which is also an Atlas user of stack staging (aws.connections[0].name); the stacks share one Atlas project, so they would overwrite each other\'s user',
    ]);
    (stacks.prod as { atlas: { projectId: string } }).atlas.projectId = "0123456789abcdef01234567";
    expect(only("atlas-access:appUsers", problemsAcross(stacks, "prod"))).toEqual([]);
  });

  it("refuses a username inside another stack's preview zone", () => {
    const stacks = committed();
    (stacks.staging as { previews: { usernamePrefix: string } }).previews.usernamePrefix = "preview_";
    (users(stacks.prod as Raw)[0] as AppUser).username = "preview_reports";
    expect(problemsAcross(stacks, "prod")).toEqual([
      'atlas-access:appUsers[0].username: got "preview_reports"; starts with stack staging\'s preview username prefix preview_ (the operator-managed zone); choose a name outside it',
    ]);
  });

  it("refuses a principal that would reach both environments' databases", () => {
    const stacks = committed();
    const reports = "arn:aws:iam::111122223333:role/syrf-staging-reports-task";
    (connections(stacks.prod as Raw)[0] as Connection).allowedPrincipals.push(
      reports.replace("syrf-staging", "SYRF-Staging"),
    );
    expect(problemsAcross(stacks, "prod")).toEqual([
      // The connection area's rule (areas/connection/config.ts) holds it, as IAM compares role names: ignoring case.
      `atlas-access:aws.connections[0].allowedPrincipals[1]: got "arn:aws:iam::111122223333:role/SYRF-Staging-reports-task"; is also allowed by stack staging (connection syrf-staging-reports-atlas): a workload may reach one environment only, or one environment's workload could reach the other's database; give each stack its own workload role or service account`,
    ]);
  });

  it("requires exactly one stack to declare the project's database auditing", () => {
    const stacks = committed();
    delete (stacks.prod as Raw).databaseAuditing;
    expect(problemsAcross(stacks, "prod")).toEqual([
      "atlas-access:databaseAuditing: got nothing; required: no stack of Atlas project 64b7f3a1c2d4e5f6a7b8c9d0 declares it (stacks: prod, staging); the prod stack owns the project's database auditing and its alerts",
    ]);
    const twice = committed();
    twice["prod-eu"] = structuredClone(twice.prod as Raw);
    expect(only("atlas-access:databaseAuditing", problemsAcross(twice, "prod-eu"))).toEqual([
      'atlas-access:databaseAuditing: got {"alsoDeclaredBy":["prod"]}; is also declared by stack prod; Atlas auditing and its alerts are one setting of project 64b7f3a1c2d4e5f6a7b8c9d0: exactly one stack, the prod stack, declares them',
    ]);
  });

  it("refuses stream workspaces and custom roles another stack of the project owns", () => {
    const stacks = committed();
    const copy = structuredClone((stacks.staging as Raw).streams) as Streams;
    copy.users = [];
    copy.executionRoles.forEach((r) => (r.database = "syrftest"));
    (stacks.prod as Raw).streams = copy;
    expect(problemsAcross(stacks, "prod")).toEqual([
      'atlas-access:streams.workspaces[0].name: got "syrf-staging-streams"; is also declared by stack staging (streams.workspaces[0].name); stream workspaces and custom roles are names of the whole Atlas project: exactly one stack owns each',
      'atlas-access:streams.personaRoles[0].name: got "syrf-staging-stream-operator"; is also declared by stack staging (streams.personaRoles[0].name); stream workspaces and custom roles are names of the whole Atlas project: exactly one stack owns each',
      'atlas-access:streams.personaRoles[1].name: got "syrf-staging-stream-viewer"; is also declared by stack staging (streams.personaRoles[1].name); stream workspaces and custom roles are names of the whole Atlas project: exactly one stack owns each',
      'atlas-access:streams.executionRoles[0].name: got "syrf-staging-stream-exec"; is also declared by stack staging (streams.executionRoles[0].name); stream workspaces and custom roles are names of the whole Atlas project: exactly one stack owns each',
    ]);
  });
});

describe("cross-stack rules of the core sections", () => {
  it("refuses environment databases another stack of the project names differently", () => {
    const stacks = committed();
    (stacks.prod as { atlas: { environmentDatabases: Record<string, string> } }).atlas.environmentDatabases = {
      prod: "syrf_staging_v2",
      staging: "syrf_prod",
    };
    expect(only("atlas-access:atlas", problemsAcross(stacks, "prod"))).toEqual([
      'atlas-access:atlas.environmentDatabases.prod: got "syrf_staging_v2"; stack staging says the prod database is syrftest; every stack of Atlas project 64b7f3a1c2d4e5f6a7b8c9d0 must name the same databases, or a user of one environment could be granted another\'s',
      'atlas-access:atlas.environmentDatabases.staging: got "syrf_prod"; stack staging says the staging database is syrf_staging; every stack of Atlas project 64b7f3a1c2d4e5f6a7b8c9d0 must name the same databases, or a user of one environment could be granted another\'s',
    ]);
  });
});
