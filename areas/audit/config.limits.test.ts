/** The CloudWatch Logs limits the audit's config enforces: 100 metric filters per log group, 1024 characters a pattern. */
import { parseStackConfig } from "../../program/config";
import { problemsOf } from "../../test/support/config";
import { auditOf, awsOf, connectionOf, valid } from "./fixtures/config";

describe("atlas-access:audit: CloudWatch Logs limits", () => {
  it("rejects more connection roles than the log group's 100 metric filters can watch", () => {
    const cfg = valid();
    auditOf(cfg).cisAlarms = true;
    const template = connectionOf(cfg, 0);
    awsOf(cfg).connections = Array.from({ length: 41 }, (_, i) => ({ ...template, name: `app-${i}-atlas` }));
    const names = awsOf(cfg).connections.map((c) => c.name);
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:aws.connections: got ${JSON.stringify(names).slice(0, 117)}...; 41 connection roles need 101 metric filters on the trail's log group (2 per role, at least 1 for their workload roles, the account and self-protection detectors, 14 for cisAlarms); CloudWatch Logs allows at most 100 per log group`,
    ]);
  });

  it("accepts 40 connection roles sharing one workload role with the CIS set (100 filters exactly)", () => {
    const cfg = valid();
    auditOf(cfg).cisAlarms = true;
    const template = connectionOf(cfg, 0);
    awsOf(cfg).connections = Array.from({ length: 40 }, (_, i) => ({ ...template, name: `app-${i}-atlas` }));
    expect(() => parseStackConfig(cfg)).not.toThrow();
  });

  it("rejects names that would make a detector's pattern longer than 1024 characters in the stack's region", () => {
    const cfg = valid();
    awsOf(cfg).region = "ap-southeasternmostregion-2";
    auditOf(cfg).trailName = "a".repeat(48);
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:audit.trailName: got "${"a".repeat(48)}"; the detector-tampering filter pattern would be 1027 characters in ap-southeasternmostregion-2; CloudWatch Logs accepts at most 1024: choose a shorter name`,
    ]);
  });

  it("counts Pod Identity service accounts in the foreign-assumption pattern's length", () => {
    const cfg = valid();
    const connection = connectionOf(cfg, 0) as ReturnType<typeof connectionOf> & { eksPodIdentity?: object };
    connection.allowedPrincipals = Array.from({ length: 5 }, (_, i) => `arn:aws:iam::111122223333:role/w${i}`);
    connection.eksPodIdentity = {
      clusterArns: ["arn:aws:eks:eu-west-1:111122223333:cluster/syrf-apps"],
      serviceAccounts: [{ namespace: "syrf-prod", name: "syrf-api" }],
    };
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:aws.connections[0].allowedPrincipals: got ${JSON.stringify(connection.allowedPrincipals).slice(0, 117)}...; with 5 allowed principals and 1 Pod Identity service accounts the foreign-assumption filter pattern for role syrf-prod-api-atlas would be 1112 characters; CloudWatch Logs accepts at most 1024: allow fewer principals (the detector cannot be split: each filter would flag the principals the others allow)`,
    ]);
  });
});
