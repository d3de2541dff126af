import { keyPath } from "../config/parse";
import { parseStackConfig } from "./config";
import { readStackConfig } from "../offline/stackFiles";
import { problemsOf } from "../test/support/config";

/** The staging stack's real config, decoded: each test breaks one thing in a copy of it. */
const valid = () => structuredClone(readStackConfig("staging").project);

type Atlas = {
  orgId: string;
  projectId: string;
  clusters: string[];
  clusterHost: string;
  environmentDatabases: Record<string, string>;
};
const atlasOf = (cfg: Record<string, unknown>) => cfg.atlas as Atlas;

describe("keyPath", () => {
  it("names the full config key path the way `pulumi config` does", () => {
    expect(keyPath(["aws", "connections", 0, "allowedPrincipals", 1])).toBe(
      "atlas-access:aws.connections[0].allowedPrincipals[1]",
    );
  });
});

describe("parseStackConfig: both example stacks", () => {
  it.each(["staging", "prod"])("accepts Pulumi.%s.yaml", (stack) => {
    expect(() => parseStackConfig(readStackConfig(stack).project)).not.toThrow();
  });
});

describe("parseStackConfig: rules of the foundation schema", () => {
  it("rejects an unknown top-level key, naming the accepted keys", () => {
    const cfg = { ...valid(), enviroment: "staging" };
    expect(problemsOf(cfg)[0]).toMatch(/^atlas-access:enviroment: unknown key; accepted keys here: .*environment/);
  });

  it("rejects an unknown nested key (a typo must not drop a setting)", () => {
    const cfg = valid();
    (cfg.atlas as Record<string, unknown>).cluster = ["x"];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:atlas.cluster: unknown key; accepted keys here: clusterHost, clusters, environmentDatabases, orgId, projectId",
    ]);
  });

  it("rejects a missing required value", () => {
    const cfg = valid();
    delete cfg.environment;
    expect(problemsOf(cfg)).toEqual(["atlas-access:environment: got nothing; must be one of: prod, staging"]);
  });

  it("rejects a missing required object", () => {
    const cfg = valid();
    delete cfg.atlas;
    expect(problemsOf(cfg)).toEqual(["atlas-access:atlas: required but missing; expected object"]);
  });

  it("rejects a wrong type, showing the value", () => {
    const cfg = valid();
    atlasOf(cfg).clusters = "syrf-shared" as unknown as string[];
    expect(problemsOf(cfg)).toEqual(['atlas-access:atlas.clusters: got "syrf-shared"; expected array']);
  });

  it("rejects an environment that is not prod or staging", () => {
    expect(problemsOf({ ...valid(), environment: "production" })).toEqual([
      'atlas-access:environment: got "production"; must be one of: prod, staging',
    ]);
  });

  it("rejects an Atlas id that is not 24 hex characters", () => {
    const cfg = valid();
    atlasOf(cfg).projectId = "64B7F3A1C2D4E5F6A7B8C9D0";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:atlas.projectId: got "64B7F3A1C2D4E5F6A7B8C9D0"; must be the Atlas project id: 24 lowercase hexadecimal characters, e.g. 5f0c2a9e8d1b4c3a2e1f0d9c',
    ]);
  });

  it("rejects an empty cluster list", () => {
    const cfg = valid();
    atlasOf(cfg).clusters = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:atlas.clusters: got []; must name at least one cluster of the project",
    ]);
  });

  it("rejects a duplicate cluster, naming both positions", () => {
    const cfg = valid();
    atlasOf(cfg).clusters = ["syrf-shared", "syrf-shared"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:atlas.clusters[1]: got "syrf-shared"; duplicate of item [0]; each entry must appear once',
    ]);
  });

  it("rejects a cluster name Atlas would not accept", () => {
    const cfg = valid();
    atlasOf(cfg).clusters = ["syrf shared"];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:atlas.clusters[0]: got \"syrf shared\"; must be an Atlas cluster name: letters, digits and '-', 1-64 characters",
    ]);
  });

  it("rejects a cluster host that is not an Atlas SRV host", () => {
    const cfg = valid();
    atlasOf(cfg).clusterHost = "mongodb://syrf-shared.example.com";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:atlas.clusterHost: got "mongodb://syrf-shared.example.com"; must be the cluster\'s SRV host, e.g. shared.ab12c.mongodb.net',
    ]);
  });

  it("rejects a database name with upper case (variants must not exist)", () => {
    const cfg = valid();
    atlasOf(cfg).environmentDatabases.staging = "Syrf_Staging";
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:atlas.environmentDatabases.staging: got \"Syrf_Staging\"; must be a database name: lowercase letters, digits and '_', starting with a letter, at most 63 characters",
    ]);
  });

  it("rejects prod and staging sharing a database", () => {
    const cfg = valid();
    atlasOf(cfg).environmentDatabases.staging = "syrftest";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:atlas.environmentDatabases: got {"prod":"syrftest","staging":"syrftest"}; prod and staging must own different databases',
    ]);
  });

  it("reports every problem at once", () => {
    const cfg = { ...valid(), environment: "dev", typo: 1 };
    atlasOf(cfg).orgId = "x";
    expect(problemsOf(cfg)).toHaveLength(3);
  });

  it("never prints a secret key's value", () => {
    const cfg = { ...valid(), environment: "hunter2" };
    expect(problemsOf(cfg, new Set(["environment"]))).toEqual([
      "atlas-access:environment: got [secret]; must be one of: prod, staging",
    ]);
  });

  it("says in the error that nothing was registered", () => {
    expect(() => parseStackConfig({ ...valid(), environment: "dev" })).toThrow(
      "Invalid stack configuration (1 problem); nothing was registered:\n" +
        '  - atlas-access:environment: got "dev"; must be one of: prod, staging',
    );
  });
});
