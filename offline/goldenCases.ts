/**
 * The fixture configs of the golden files: the reports (the committed stacks, and staging with previews) and the
 * pairs of the access diff, each the committed stack files with one kind of change. `expect` lists the kinds of
 * change the diff must name, in its order.
 */
import { PREVIEW_LIST_KEY } from "../areas/operator/config";
import { PROJECT } from "../domain/project";
import type { ChangeKind } from "./accessDiff";
import type { Docs, Pair, Report, Side } from "./golden";
import { section } from "./golden";

const times = (n: number, kind: ChangeKind): ChangeKind[] => Array<ChangeKind>(n).fill(kind);
const staging: Side = { stack: "staging" };
const prod: Side = { stack: "prod" };
const edited = (stack: string, edit: (docs: Docs) => void): Side => ({ stack, edit });
const connections = (docs: Docs) => section(docs, "staging", "aws").connections;

/** The preview list `npm run previews -- reconcile` would set on staging for one update. */
const previewList = (docs: Docs, open: number[], closing: number[] = []) => {
  const config = docs.staging?.config;
  if (config) config[`${PROJECT}:${PREVIEW_LIST_KEY}`] = { open, closing };
};

const withPreview = edited("staging", (docs) => previewList(docs, [42]));

export const REPORTS: readonly Report[] = [
  { name: "staging", side: staging },
  { name: "prod", side: prod },
  {
    name: "staging-previews",
    side: edited("staging", (docs) => previewList(docs, [42, 43, 44], [7])),
  },
];

export const PAIRS: readonly Pair[] = [
  {
    name: "no-change",
    change: "nothing",
    before: staging,
    after: staging,
    expect: [],
  },
  {
    name: "principal-added",
    change: "a workload role may now assume the API's connection role",
    before: staging,
    after: edited("staging", (docs) => {
      connections(docs)[0].allowedPrincipals.push("arn:aws:iam::111122223333:role/syrf-staging-worker");
    }),
    expect: ["gained"],
  },
  {
    name: "principal-removed",
    change: "the backfill Lambda may no longer assume the reports connection role",
    before: staging,
    after: edited("staging", (docs) => {
      connections(docs)[1].allowedPrincipals.splice(1, 1);
    }),
    expect: ["lost"],
  },
  {
    name: "role-widened",
    change: "the reports connection reads and writes instead of reading",
    before: staging,
    after: edited("staging", (docs) => {
      connections(docs)[1].roles[0].role = "readWrite";
    }),
    expect: ["widened", "widened", "user-changed"],
  },
  {
    name: "role-narrowed",
    change: "the application user only reads",
    before: staging,
    after: edited("staging", (docs) => {
      section(docs, "staging", "appUsers")[0].roles[0].role = "read";
    }),
    expect: ["narrowed", "user-changed"],
  },
  {
    name: "user-removed",
    change: "the stream viewer user is removed",
    before: staging,
    after: edited("staging", (docs) => {
      section(docs, "staging", "streams").users.splice(1, 1);
    }),
    expect: ["lost", "user-removed"],
  },
  {
    name: "database-changed",
    change: "staging's database is renamed syrf_staging_v2 in both stacks, and every staging grant follows",
    before: staging,
    after: edited("staging", (docs) => {
      for (const stack of ["staging", "prod"])
        section(docs, stack, "atlas").environmentDatabases.staging = "syrf_staging_v2";
      for (const c of connections(docs)) c.roles[0].database = "syrf_staging_v2";
      section(docs, "staging", "appUsers")[0].roles[0].database = "syrf_staging_v2";
      section(docs, "staging", "streams").executionRoles[0].database = "syrf_staging_v2";
    }),
    expect: ["moved", "moved", "moved", "moved", "moved", "user-changed", "user-changed", "user-changed"],
  },
  {
    name: "preview-added",
    change: "pull request 42 gets a preview",
    before: staging,
    after: withPreview,
    expect: ["gained", "user-added"],
  },
  {
    name: "preview-closing",
    change: "pull request 42 is closing: its user is removed while the namespace is still watched",
    before: withPreview,
    after: edited("staging", (docs) => previewList(docs, [], [42])),
    expect: ["lost", "user-removed"],
  },
  {
    name: "scope-widened",
    change: "the API's connection may also reach a second cluster",
    before: staging,
    after: edited("staging", (docs) => {
      section(docs, "staging", "atlas").clusters.push("syrf-analytics");
      connections(docs)[0].scopes.push("syrf-analytics");
    }),
    expect: ["scope", "user-changed"],
  },
  {
    name: "route-changed",
    change: "the API's connection role is renamed: the same Lambda reaches the database through a new role and user",
    before: staging,
    after: edited("staging", (docs) => {
      connections(docs)[0].name = "syrf-staging-api-v2-atlas";
    }),
    expect: ["route", "user-added", "user-removed"],
  },
  {
    name: "execution-role-widened",
    change: "stream processors may also delete documents",
    before: staging,
    after: edited("staging", (docs) => {
      section(docs, "staging", "streams").executionRoles[0].actions.push("REMOVE");
    }),
    expect: ["widened"],
  },
  {
    name: "secret-reader-replaced",
    change: "another service account reads the application user's password",
    before: staging,
    after: edited("staging", (docs) => {
      section(docs, "staging", "appUsers")[0].secretAccessor =
        "serviceAccount:syrf-api-v2@syrf-staging.iam.gserviceaccount.com";
    }),
    expect: ["gained", "lost"],
  },
  {
    name: "prod-user-added",
    change: "production gets a reporting user whose password one service account reads",
    before: prod,
    after: edited("prod", (docs) => {
      section(docs, "prod", "appUsers").push({
        username: "syrf_prod_reports",
        description: "Reporting jobs (production)",
        roles: [{ role: "read", database: "syrftest" }],
        scopes: ["syrf-shared"],
        secretId: "atlas-syrf-prod-reports",
        secretAccessor: "serviceAccount:syrf-reports@syrf-prod.iam.gserviceaccount.com",
      });
    }),
    expect: ["gained", "user-added"],
  },
  {
    name: "findings-new",
    change: "the guardrail fixture program with every violation (a wildcard trust, a broad role, …)",
    before: { program: "guardrails", stack: "compliant" },
    after: { program: "guardrails", stack: "noncompliant" },
    // The root of the account and another workload may now assume the role (a broad user), processors execute as
    // atlasAdmin, and the workload role lost its path: each of the program's 24 guardrail findings is new.
    expect: ["gained", "gained", "moved", "lost", "user-changed", ...times(24, "finding-new")],
  },
  {
    name: "findings-fixed",
    change: "the guardrail fixture program with every violation fixed",
    before: { program: "guardrails", stack: "noncompliant" },
    after: { program: "guardrails", stack: "compliant" },
    expect: ["gained", "moved", "lost", "lost", "user-changed", ...times(24, "finding-fixed")],
  },
];
