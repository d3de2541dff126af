/** The filter-pattern builders' edge cases: Pod Identity sessions, splitting the workload roles, the longest names. */
import { matches } from "../../offline/simulators/filterPattern";
import { keyIdsOfRealLength } from "./detectors";
import {
  FILTER_PATTERN_MAX,
  detectorTamperingPattern,
  foreignAssumptionPattern,
  keyTamperingPattern,
  pipelineTamperingPattern,
  roleTamperingPattern,
  workloadRolePatterns,
} from "./patterns";

const ROLE = "arn:aws:iam::111122223333:role/syrf-api-atlas";
const CLUSTER = "arn:aws:eks:eu-west-1:111122223333:cluster/syrf-apps";
const POD = { clusterArns: [CLUSTER], serviceAccounts: [{ namespace: "syrf", name: "api" }] };
const T = (i: number) => `$.requestParameters.tags[${i}].value`;
const I = "$.userIdentity.invokedBy";

describe("foreignAssumptionPattern with EKS Pod Identity", () => {
  it("excludes only successful Pod Identity sessions tagged with an allowed cluster, namespace and service account", () => {
    expect(foreignAssumptionPattern(ROLE, [], POD)).toBe(
      `{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="${ROLE}")` +
        `&&((${I} NOT EXISTS)||(${I}!="pods.eks.amazonaws.com")||($.errorCode="*")` +
        `||(${T(0)} NOT EXISTS)||(${T(2)} NOT EXISTS)||(${T(3)} NOT EXISTS)` +
        `||((${T(0)}!="${CLUSTER}"))||(((${T(2)}!="syrf")||(${T(3)}!="api"))))}`,
    );
  });

  it("pairs each namespace with its own service account: syrf/reports does not pass for syrf/api and reports/reports", () => {
    const pod = {
      clusterArns: [CLUSTER],
      serviceAccounts: [
        { namespace: "syrf", name: "api" },
        { namespace: "reports", name: "reports" },
      ],
    };
    const session = (namespace: string, account: string) => ({
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRole",
      userIdentity: { type: "AWSService", invokedBy: "pods.eks.amazonaws.com" },
      requestParameters: {
        roleArn: ROLE,
        tags: [
          { key: "eks-cluster-arn", value: CLUSTER },
          { key: "eks-cluster-name", value: "syrf-apps" },
          { key: "kubernetes-namespace", value: namespace },
          { key: "kubernetes-service-account", value: account },
        ],
      },
    });
    const pattern = foreignAssumptionPattern(ROLE, [], pod);
    const foreign = (ns: string, sa: string) =>
      (["match", "noMatch"] as const).map((absentNotEquals) => matches(pattern, session(ns, sa), { absentNotEquals }));
    expect([foreign("syrf", "api"), foreign("reports", "reports"), foreign("syrf", "reports")]).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
  });

  it("adds nothing for Pod Identity without clusters or service accounts", () => {
    expect(foreignAssumptionPattern(ROLE, [], { clusterArns: [], serviceAccounts: [] })).toBe(
      `{($.eventSource="sts.amazonaws.com")&&($.eventName="AssumeRole*")&&($.requestParameters.roleArn="${ROLE}")}`,
    );
  });
});

describe("workloadRolePatterns", () => {
  it("one pattern while the names fit; then as many as needed, each within the limit, every name exactly once", () => {
    expect(workloadRolePatterns(["a", "b"])).toHaveLength(1);
    const names = Array.from({ length: 20 }, (_, i) => `workload-role-with-a-long-name-${String(i).padStart(2, "0")}`);
    const patterns = workloadRolePatterns(names);
    expect(patterns.map((p) => p.length <= FILTER_PATTERN_MAX)).toEqual(patterns.map(() => true));
    expect(patterns).toHaveLength(2);
    const named = patterns.flatMap((p) => [...p.matchAll(/roleName="([^"]+)"/g)].map((m) => m[1]));
    expect(named).toEqual(names);
  });

  it("watches no role when none is trusted", () => {
    expect(workloadRolePatterns([])).toEqual([]);
  });
});

describe("the longest names config accepts still fit in 1024 characters", () => {
  const prefix = "a".repeat(48);
  const region = "ap-southeast-2";
  const keys = keyIdsOfRealLength(region, "111122223333");

  it.each([
    [
      "detector-tampering",
      detectorTamperingPattern(prefix, `arn:aws:sns:${region}:111122223333:${prefix}-alarms`),
      1001,
    ],
    ["pipeline-tampering", pipelineTamperingPattern(`${prefix}-cloudwatch-delivery`, `/aws/cloudtrail/${prefix}`), 846],
    ["key-tampering", keyTamperingPattern([keys.trail ?? keys.topic, keys.topic]), 561],
    ["role-change", roleTamperingPattern("r".repeat(64)), 486],
  ])("%s: %#", (_name, pattern, length) => {
    expect(pattern.length).toBe(length);
    expect(pattern.length).toBeLessThanOrEqual(FILTER_PATTERN_MAX);
  });

  it("a value that cannot be compared exactly is refused, never silently quoted", () => {
    expect(() => roleTamperingPattern("role*")).toThrow(
      'cannot compare "role*" exactly in a filter pattern: it contains *, ", \\ or whitespace',
    );
  });
});
