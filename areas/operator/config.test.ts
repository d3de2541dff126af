/**
 * The `atlas-access:operator`, `atlas-access:previews` and `atlas-access:previewList` sections and their rules, each
 * bad input with its exact message, on the staging stack's values. The credential's access list is proven in
 * `accessList.test.ts`, the project's database-user capacity in `capacity.test.ts`, the preview list of a run in
 * `config.previewList.test.ts`.
 */
import { parseStackConfig } from "../../program/config";
import { problemsOf, stackProblems } from "../../test/support/config";
import { listOf, operatorOf, previewsOf, valid } from "./fixtures/config";

const EXACT_NAME =
  "must be one exact Kubernetes namespace name (lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit); the operator matches watched namespaces by exact name, so a pattern such as pr-* never matches";

describe("operator and previews config: accepted", () => {
  it("accepts the staging stack with 0, 1 and 3 previews and one closing", () => {
    for (const prs of [[], [123], [1, 22, 333]]) {
      const cfg = valid();
      cfg.previewList = { open: prs, closing: [9] };
      expect(() => parseStackConfig(cfg)).not.toThrow();
    }
  });

  it("defaults closing to [], the project's user limit to Atlas's 100, no label, and the secret lifetime to 2160 hours", () => {
    const cfg = valid();
    delete listOf(cfg).closing;
    delete operatorOf(cfg).credential.secretExpiresAfterHours;
    const parsed = parseStackConfig(cfg);
    expect(parsed.previewList?.closing).toEqual([]);
    expect([parsed.previews?.projectDatabaseUserLimit, parsed.previews?.label]).toEqual([100, undefined]);
    expect(parsed.operator?.credential.secretExpiresAfterHours).toBe(2160);
  });

  it("accepts a label that selects the pull requests getting a preview", () => {
    const cfg = valid();
    previewsOf(cfg).label = "preview environment";
    expect(parseStackConfig(cfg).previews?.label).toBe("preview environment");
  });
});

describe("operator config: bad input", () => {
  it.each(["pr-*", "mongodb-*", "Atlas", "atlas,pr-1", ""])("rejects a non-exact operator namespace %j", (ns) => {
    const cfg = valid();
    operatorOf(cfg).namespace = ns;
    expect(problemsOf(cfg)).toEqual([`atlas-access:operator.namespace: got ${JSON.stringify(ns)}; ${EXACT_NAME}`]);
  });

  it("rejects an operator namespace in the preview prefix", () => {
    const cfg = valid();
    operatorOf(cfg).namespace = "pr-operator";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.namespace: got "pr-operator"; must not start with "pr-": that prefix is reserved for preview namespaces pr-<N>',
    ]);
  });

  it("rejects a chart version range", () => {
    const cfg = valid();
    operatorOf(cfg).chartVersion = "^2.15";
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.chartVersion: got \"^2.15\"; must be an exact chart version such as 2.15.1 (no range, no 'latest')",
    ]);
  });

  it("rejects a missing credential", () => {
    const cfg = valid();
    delete (cfg.operator as Record<string, unknown>).credential;
    expect(problemsOf(cfg)).toEqual(["atlas-access:operator.credential: required but missing; expected object"]);
  });

  it("rejects a secret lifetime outside Atlas's range", () => {
    const cfg = valid();
    operatorOf(cfg).credential.secretExpiresAfterHours = 100000;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.secretExpiresAfterHours: got 100000; must be a whole number of hours from 8 to 8760 (one year)",
    ]);
  });
});

describe("operator credential rotation config", () => {
  const rotationOf = (cfg: Record<string, unknown>) =>
    (operatorOf(cfg).credential as unknown as { rotation: Record<string, unknown> }).rotation;

  it("defaults the rotation period to 60 days", () => {
    const cfg = valid();
    delete rotationOf(cfg).rotateEveryDays;
    expect(parseStackConfig(cfg).operator?.credential.rotation).toEqual({
      rotatedOn: "2026-11-30",
      rotateEveryDays: 60,
    });
  });

  it("requires the day of the last rotation, as a date", () => {
    const cfg = valid();
    rotationOf(cfg).rotatedOn = "2026-02-30T00:00";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.credential.rotation.rotatedOn: got "2026-02-30T00:00"; must be the day of the last rotation as YYYY-MM-DD, e.g. 2026-11-30',
    ]);
    delete (operatorOf(cfg).credential as unknown as Record<string, unknown>).rotation;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.rotation: required but missing; expected object",
    ]);
  });

  it("rejects a period that leaves less than the warning window of the secret's lifetime", () => {
    const cfg = valid();
    rotationOf(cfg).rotateEveryDays = 80;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.rotation.rotateEveryDays: got 80; leaves less than 14 days of the secret's 2160-hour lifetime after the rotation date, so a late rotation would not be reported before the operator loses access; use at most 76 days or raise secretExpiresAfterHours",
    ]);
  });
});

describe("previews config: bad input", () => {
  it("rejects a label GitHub could not hold", () => {
    const cfg = valid();
    previewsOf(cfg).label = " preview";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.label: got " preview"; must be a GitHub label name: 1-50 characters, no leading or trailing space',
    ]);
  });

  it.each([0, 501, 2.5])("rejects maxPreviews %p", (n) => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = n;
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:previews.maxPreviews: got ${n}; must be a whole number from 1 to 500`,
    ]);
  });

  it("rejects a prefix that collides with the staging database", () => {
    const cfg = valid();
    previewsOf(cfg).databasePrefix = "syrf_st";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.databasePrefix: got "syrf_st"; collides with the staging database syrf_staging: every name starting with the prefix counts as a preview database, so a preview user could be granted syrf_staging; choose a prefix that begins none of syrftest, syrf_staging, admin, local, config',
    ]);
  });

  it("rejects a prefix that collides with the production database", () => {
    const cfg = valid();
    previewsOf(cfg).databasePrefix = "syrftest";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.databasePrefix: got "syrftest"; collides with the production database syrftest: every name starting with the prefix counts as a preview database, so a preview user could be granted syrftest; choose a prefix that begins none of syrftest, syrf_staging, admin, local, config',
    ]);
  });

  it("rejects a prefix under which both protected databases (prod and staging) are reachable", () => {
    const cfg = valid();
    previewsOf(cfg).databasePrefix = "syrf";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.databasePrefix: got "syrf"; collides with the production database syrftest: every name starting with the prefix counts as a preview database, so a preview user could be granted syrftest; choose a prefix that begins none of syrftest, syrf_staging, admin, local, config',
      'atlas-access:previews.databasePrefix: got "syrf"; collides with the staging database syrf_staging: every name starting with the prefix counts as a preview database, so a preview user could be granted syrf_staging; choose a prefix that begins none of syrftest, syrf_staging, admin, local, config',
    ]);
  });

  it("rejects a prefix that reaches the admin database", () => {
    const cfg = valid();
    previewsOf(cfg).databasePrefix = "adm";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.databasePrefix: got "adm"; collides with a system database admin: every name starting with the prefix counts as a preview database, so a preview user could be granted admin; choose a prefix that begins none of syrftest, syrf_staging, admin, local, config',
    ]);
  });

  it("rejects a prefix that is not a database name", () => {
    const cfg = valid();
    previewsOf(cfg).databasePrefix = "syrf-pr-*";
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.databasePrefix: got \"syrf-pr-*\"; must be a database name prefix: lowercase letters, digits and '_', starting with a letter, at most 40 characters",
    ]);
  });

  it("rejects a preview cluster that is not in atlas.clusters", () => {
    const cfg = valid();
    previewsOf(cfg).clusters = ["syrf-shared", "syrf-prod-dedicated"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:previews.clusters[1]: got "syrf-prod-dedicated"; is not a cluster of the project; use one of atlas.clusters: syrf-shared',
    ]);
  });

  it("rejects previews without clusters (no scopes means every cluster)", () => {
    const cfg = valid();
    previewsOf(cfg).clusters = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.clusters: got []; must name at least one cluster: without scopes a user reaches every cluster",
    ]);
  });

  it("rejects previews in a stack without the operator", () => {
    const cfg = valid();
    delete cfg.operator;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator: got nothing; is required when atlas-access:previews is set (previews need the Atlas operator in the same stack); set it, or move previews to the stack that owns the cluster",
    ]);
  });

  it("a bad section and a colliding prefix at once: only the section's own problem, the prefix rule waits", () => {
    expect(
      stackProblems("staging", (cfg) => {
        const p = cfg.previews as Record<string, unknown>;
        p.clusters = ["syrf-shared", "syrf-shared"];
        p.databasePrefix = "syrftest";
      }),
    ).toEqual([
      'atlas-access:previews.clusters[1]: got "syrf-shared"; duplicate of item [0]; each entry must appear once',
    ]);
  });
});
