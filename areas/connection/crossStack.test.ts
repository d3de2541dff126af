/**
 * "No AWS principal allowed by two stacks" (`config.ts`, a cross-stack rule): each stack's connections are checked
 * against every other `Pulumi.<stack>.yaml` of the repository, so the prod connection can never trust staging's
 * workload. Exact problem lines; the peers are the real stack files, changed where a case needs it.
 */
import { problemsWithPeers } from "../../test/support/peers";
import type { Conn } from "./fixtures/config";

const STAGING_LAMBDA = "arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda";
const CLUSTER = "arn:aws:eks:eu-west-1:111122223333:cluster/syrf-apps";
const connections = (cfg: Record<string, unknown>) => (cfg.aws as { connections: Conn[] }).connections;
const first = (cfg: Record<string, unknown>) => connections(cfg)[0] as Conn;
const WHY =
  "a workload may reach one environment only, or one environment's workload could reach the other's database; give each stack its own workload role or service account";

describe("cross-stack: no AWS principal allowed by two stacks", () => {
  it.each(["staging", "prod"])("the repository's stacks share no principal (%s, control)", (stack) => {
    expect(problemsWithPeers(stack)).toEqual([]);
  });

  it("refuses the prod connection trusting the staging workload, on the prod stack", () => {
    expect(problemsWithPeers("prod", (cfg) => first(cfg).allowedPrincipals.push(STAGING_LAMBDA))).toEqual([
      `atlas-access:aws.connections[0].allowedPrincipals[1]: got "${STAGING_LAMBDA}"; is also allowed by stack staging (connection syrf-staging-api-atlas): ${WHY}`,
    ]);
  });

  it("and the same sharing on the staging stack, whose peer is the changed prod file", () => {
    const prod = { prod: (cfg: Record<string, unknown>) => void first(cfg).allowedPrincipals.push(STAGING_LAMBDA) };
    expect(problemsWithPeers("staging", undefined, prod)).toEqual([
      `atlas-access:aws.connections[0].allowedPrincipals[0]: got "${STAGING_LAMBDA}"; is also allowed by stack prod (connection syrf-prod-api-atlas): ${WHY}`,
    ]);
  });

  it("matches role ARNs case-insensitively, as IAM does", () => {
    const upper = STAGING_LAMBDA.replace("syrf-staging", "SYRF-STAGING");
    expect(problemsWithPeers("prod", (cfg) => first(cfg).allowedPrincipals.push(upper))).toEqual([
      `atlas-access:aws.connections[0].allowedPrincipals[1]: got "${upper}"; is also allowed by stack staging (connection syrf-staging-api-atlas): ${WHY}`,
    ]);
  });

  it("refuses one Pod Identity service account of one cluster in two stacks", () => {
    const pod = { clusterArns: [CLUSTER], serviceAccounts: [{ namespace: "syrf", name: "api" }] };
    const peers = {
      staging: (cfg: Record<string, unknown>) => void (first(cfg).eksPodIdentity = structuredClone(pod)),
    };
    expect(problemsWithPeers("prod", (cfg) => (first(cfg).eksPodIdentity = structuredClone(pod)), peers)).toEqual([
      `atlas-access:aws.connections[0].eksPodIdentity.serviceAccounts[0]: got "syrf/api in ${CLUSTER}"; is also allowed by stack staging (connection syrf-staging-api-atlas): ${WHY}`,
    ]);
  });

  it("accepts the same service account name in another namespace (control)", () => {
    const pod = (namespace: string) => ({ clusterArns: [CLUSTER], serviceAccounts: [{ namespace, name: "api" }] });
    const peers = { staging: (cfg: Record<string, unknown>) => void (first(cfg).eksPodIdentity = pod("syrf-staging")) };
    expect(problemsWithPeers("prod", (cfg) => (first(cfg).eksPodIdentity = pod("syrf-prod")), peers)).toEqual([]);
  });
});
