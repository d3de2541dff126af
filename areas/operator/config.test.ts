import { parseStackConfig } from "../../program/config";
import { readStackConfig } from "../../offline/stackFiles";
import { parseCidr } from "../../domain/formats";
import { watchNamespaces } from "./watchList";
import { problemsOf } from "../../test/support/config";

/** The staging stack's real config with one open preview: each test breaks one thing in a copy of it. */
function valid(): Record<string, unknown> {
  const cfg = structuredClone(readStackConfig("staging").project);
  previewsOf(cfg).pullRequests = [123];
  return cfg;
}
type Previews = {
  pullRequests: unknown[];
  closing: unknown[];
  maxPreviews: unknown;
  databasePrefix: string;
  usernamePrefix: string;
  clusters: string[];
};
type Operator = {
  namespace: string;
  chartVersion: string;
  atlasProjectName: string;
  credential: { accessList: string[]; secretExpiresAfterHours?: number };
};
const previewsOf = (cfg: Record<string, unknown>) => cfg.previews as Previews;
const operatorOf = (cfg: Record<string, unknown>) => cfg.operator as Operator;

const EXACT_NAME =
  "must be one exact Kubernetes namespace name (lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit); the operator matches watched namespaces by exact name, so a pattern such as pr-* never matches";

describe("operator and previews config: accepted", () => {
  it("accepts the staging stack with 0, 1 and 3 previews and one closing", () => {
    for (const prs of [[], [123], [1, 22, 333]]) {
      const cfg = valid();
      previewsOf(cfg).pullRequests = prs;
      previewsOf(cfg).closing = [9];
      expect(() => parseStackConfig(cfg)).not.toThrow();
    }
  });

  it("defaults closing to [] and the credential secret lifetime to 2160 hours", () => {
    const cfg = valid();
    delete (cfg.previews as Record<string, unknown>).closing;
    delete operatorOf(cfg).credential.secretExpiresAfterHours;
    const parsed = parseStackConfig(cfg);
    expect(parsed.previews?.closing).toEqual([]);
    expect(parsed.operator?.credential.secretExpiresAfterHours).toBe(2160);
  });

  it("builds the watch list: operator namespace first, then open and closing previews ascending, each once", () => {
    expect(watchNamespaces({ namespace: "ops" }, { pullRequests: [30, 4], closing: [12] })).toEqual([
      "ops",
      "pr-4",
      "pr-12",
      "pr-30",
    ]);
    expect(watchNamespaces({ namespace: "ops" })).toEqual(["ops"]);
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

  it("rejects an empty access list", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.accessList: got []; must list at least one CIDR block (the cluster's egress addresses); without one Atlas accepts the credential from anywhere",
    ]);
  });

  it.each(["0.0.0.0/0", "::/0"])("rejects %s (open to the world)", (cidr) => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = [cidr];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:operator.credential.accessList[0]: got "${cidr}"; is open to the whole internet; list the cluster's egress addresses instead`,
    ]);
  });

  it.each([
    ["10.0.0.0/8", 24],
    ["203.0.112.0/23", 24],
    ["2001:db8::/48", 64],
  ])("rejects %s, wider than /%i", (cidr, min) => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.7/32", cidr];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:operator.credential.accessList[1]: got "${cidr}"; is wider than /${min}; list the cluster's egress addresses (IPv4 /24-/32, IPv6 /64-/128)`,
    ]);
  });

  it("rejects a block with host bits set, and a value that is not a CIDR block", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.17/29", "203.0.113.7", "300.1.1.1/32"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.credential.accessList[0]: got "203.0.113.17/29"; has host bits set below its prefix length; write the network address of the block',
      'atlas-access:operator.credential.accessList[1]: got "203.0.113.7"; must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64',
      'atlas-access:operator.credential.accessList[2]: got "300.1.1.1/32"; must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64',
    ]);
  });

  it("rejects a duplicate access-list entry", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.16/29", "203.0.113.16/29"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.credential.accessList[1]: got "203.0.113.16/29"; duplicate of item [0]; each entry must appear once',
    ]);
  });

  it("rejects a secret lifetime outside Atlas's range", () => {
    const cfg = valid();
    operatorOf(cfg).credential.secretExpiresAfterHours = 100000;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.secretExpiresAfterHours: got 100000; must be a whole number of hours from 8 to 8760 (one year)",
    ]);
  });
});

describe("previews config: bad input", () => {
  it.each([0, -4, 1.5])("rejects the pull request number %p", (n) => {
    const cfg = valid();
    previewsOf(cfg).pullRequests = [123, n];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:previews.pullRequests[1]: got ${n}; must be a positive whole pull request number, e.g. 123`,
    ]);
  });

  it("rejects a pull request number given as text (a glob cannot sneak in)", () => {
    const cfg = valid();
    previewsOf(cfg).pullRequests = ["*"];
    expect(problemsOf(cfg)).toEqual(['atlas-access:previews.pullRequests[0]: got "*"; expected number']);
  });

  it("rejects a duplicate pull request", () => {
    const cfg = valid();
    previewsOf(cfg).pullRequests = [123, 456, 123];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.pullRequests[2]: got 123; duplicate of item [0]; each entry must appear once",
    ]);
  });

  it("rejects a bad or duplicate closing pull request", () => {
    const cfg = valid();
    previewsOf(cfg).closing = [7, 7, -1];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.closing[2]: got -1; must be a positive whole pull request number, e.g. 123",
      "atlas-access:previews.closing[1]: got 7; duplicate of item [0]; each entry must appear once",
    ]);
  });

  it("rejects a pull request both open and closing", () => {
    const cfg = valid();
    previewsOf(cfg).closing = [5, 123];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.closing[1]: got 123; is also in previews.pullRequests; a pull request is either open or closing, never both",
    ]);
  });

  it("rejects more previews than maxPreviews", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 2;
    previewsOf(cfg).pullRequests = [1, 2, 3];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:previews.pullRequests: got [1,2,3]; has 3 previews, more than maxPreviews (2); close some pull requests or raise maxPreviews",
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
});

describe("parseCidr", () => {
  it("parses IPv4 and IPv6 blocks and detects host bits", () => {
    expect(parseCidr("203.0.113.16/29")).toEqual({ version: 4, prefix: 29, hostBitsSet: false });
    expect(parseCidr("203.0.113.17/29")).toEqual({ version: 4, prefix: 29, hostBitsSet: true });
    expect(parseCidr("2001:db8::/64")).toEqual({ version: 6, prefix: 64, hostBitsSet: false });
    expect(parseCidr("2001:db8::1/64")).toEqual({ version: 6, prefix: 64, hostBitsSet: true });
    expect(parseCidr("::/0")).toEqual({ version: 6, prefix: 0, hostBitsSet: false });
    expect(parseCidr("2001:db8:::/64")).toBeUndefined();
    expect(parseCidr("1.2.3.4/33")).toBeUndefined();
  });
});
