/**
 * Which database a grant may reach (`databases.ts`, applied by `rules.ts`): an application user's roles and a stream
 * execution role stay on the environment's own database. Each bad input with its exact message.
 */
import { problemsOf, stackProblems } from "../../test/support/config";
import { appUser, stack, streams } from "./fixtures/config";

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

describe("stream execution roles: databases", () => {
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
});

describe("through the values the engine passes", () => {
  it("a production user given the staging database as a second role is refused", () => {
    expect(
      stackProblems("prod", (cfg) => {
        (cfg.appUsers as { roles: { role: string; database: string }[] }[])[0]?.roles.push({
          role: "read",
          database: "syrf_staging",
        });
      }),
    ).toEqual([
      'atlas-access:appUsers[0].roles[1].database: got "syrf_staging"; is the staging database; a prod user may only reach syrftest',
    ]);
  });
});
