/**
 * Every metric-filter pattern the REAL program emits (taken from the harness, not rebuilt here) against realistic
 * CloudTrail events, under both readings of `!=` on an absent field; and the 1024-character limit.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../config/parse";
import { registeredBefore, runStack } from "../../offline/harness";
import type { RunResult } from "../../offline/harness";
import { matches, parseFilterPattern } from "../../offline/simulators/filterPattern";
import { TOPIC_KEY, TRAIL_KEY } from "./fixtures/stackArgs";
import { FILTER_PATTERN_MAX } from "./patterns";
import { committedRun } from "../../test/support/committedRuns";

const FIXTURES = path.join(__dirname, "fixtures", "events");
const FILTER_TYPE = "aws:cloudwatch/logMetricFilter:LogMetricFilter";

/** Each emitted filter's pattern, by its CloudWatch name (unique on the log group both stacks share). */
function patternsOf(result: RunResult): Map<string, string> {
  return new Map(
    result.registrations
      .filter((r) => r.type === FILTER_TYPE)
      .map((r) => [String(r.inputs.name), String(r.inputs.pattern)]),
  );
}

function fixture(name: string): unknown {
  const text = fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8");
  return JSON.parse(
    text
      .replaceAll("{{trailKeyId}}", TRAIL_KEY.keyId)
      .replaceAll("{{trailKeyArn}}", TRAIL_KEY.keyArn)
      .replaceAll("{{topicKeyId}}", TOPIC_KEY.keyId)
      .replaceAll("{{topicKeyArn}}", TOPIC_KEY.keyArn),
  );
}

const S = (key: string) => `syrf-staging-audit-${key}`;
const P = (key: string) => `syrf-prod-audit-${key}`;
const F_API = S("foreign-assume-syrf-staging-api-atlas");
const F_REPORTS = S("foreign-assume-syrf-staging-reports-atlas");
const C_API = S("role-change-syrf-staging-api-atlas");
const C_REPORTS = S("role-change-syrf-staging-reports-atlas");
const WORKLOADS = S("workload-role-change-1");
const TRAIL = [S("trail-tampering"), P("trail-tampering")];
const cis = (id: string) => P(`cis-${id}`);
/** Under the mocks both stacks' topic keys have the id `audit-topic-key`; in AWS each has its own UUID. */
const TOPIC_KEY_BOTH = [P("key-tampering"), S("key-tampering")];

/**
 * Fixture → exactly the filters it must match, across both stacks' filters on the one log group they share (prod owns
 * the trail, CIS on; staging with Pod Identity for service account syrf-staging/syrf-api on its API connection).
 */
const EXPECTED: Record<string, string[]> = {
  "sts-assume-allowed-lambda": [],
  "sts-assume-allowed-second-principal": [],
  "sts-assume-other-role": [F_API],
  "sts-assume-path-lookalike": [F_API],
  "sts-assume-allowed-principal-of-other-connection": [F_REPORTS],
  "sts-assume-iam-user": [F_API],
  "sts-assume-iam-user-console-session": [F_API],
  "sts-assume-root": [F_API, cis("4-3")],
  "sts-assume-cross-account": [F_API],
  "sts-assume-failed-access-denied": [F_API, cis("4-1")],
  "sts-assume-web-identity": [F_API],
  "sts-assume-unwatched-role": [],
  "sts-get-caller-identity": [],
  "sts-pod-identity-allowed-service-account": [],
  "sts-pod-identity-other-namespace": [F_API, cis("4-1")],
  "sts-pod-identity-other-service-account": [F_API, cis("4-1")],
  "sts-pod-identity-other-cluster": [F_API],
  "sts-pod-identity-unwatched-role": [],
  "iam-update-trust-connection-role": [C_API],
  "iam-update-trust-connection-role-reapplied": [C_API],
  "iam-update-trust-other-role": [],
  "iam-attach-policy-connection-role": [C_REPORTS, cis("4-4")],
  "iam-delete-permissions-boundary-connection-role": [C_API],
  "iam-update-role-connection-role": [C_API],
  "iam-update-trust-workload-role": [WORKLOADS],
  "iam-delete-workload-role": [WORKLOADS],
  "iam-create-workload-role": [WORKLOADS],
  "iam-put-policy-workload-role": [WORKLOADS, cis("4-4")],
  "iam-get-workload-role": [],
  "cloudtrail-create-trail": [...TRAIL, cis("4-5")],
  "cloudtrail-update-trail": [...TRAIL, cis("4-5")],
  "cloudtrail-delete-trail": [...TRAIL, cis("4-5")],
  "cloudtrail-start-logging": [...TRAIL, cis("4-5")],
  "cloudtrail-stop-logging": [...TRAIL, cis("4-5")],
  "cloudtrail-put-event-selectors": TRAIL,
  "kms-disable-trail-key-by-arn": [P("key-tampering"), cis("4-7")],
  "kms-schedule-deletion-trail-key-by-id": [P("key-tampering"), cis("4-7")],
  "kms-disable-other-key": [cis("4-7")],
  "kms-put-key-policy-trail-key": [P("key-tampering")],
  "kms-create-grant-topic-key": TOPIC_KEY_BOTH,
  "kms-disable-key-rotation-trail-key": [P("key-tampering")],
  "kms-put-key-policy-other-key": [],
  "iam-put-policy-delivery-role": [P("pipeline-tampering"), cis("4-4")],
  "logs-put-retention-trail-log-group": [P("pipeline-tampering")],
  "logs-delete-trail-log-group": [P("pipeline-tampering")],
  "logs-put-retention-other-log-group": [],
  "logs-delete-metric-filter-staging": [S("detector-tampering")],
  "logs-put-metric-filter-prod": [P("detector-tampering")],
  "logs-put-metric-filter-other": [],
  "monitoring-delete-alarms": [S("detector-tampering"), P("detector-tampering")],
  "monitoring-put-metric-alarm-prod": [P("detector-tampering")],
  "monitoring-put-metric-alarm-other": [],
  "sns-unsubscribe-staging-topic": [S("detector-tampering")],
  "sns-delete-prod-topic": [P("detector-tampering")],
  "sns-set-attributes-other-topic": [],
  "sns-unsubscribe-lookalike-topic": [],
};

/** Staging's API connection also trusts EKS Pod Identity for one service account (the fixtures' allowed session). */
function withPodIdentity(cfg: Record<string, unknown>): void {
  const [api] = (cfg.aws as { connections: Record<string, unknown>[] }).connections;
  (api as Record<string, unknown>).eksPodIdentity = {
    clusterArns: ["arn:aws:eks:eu-west-1:111122223333:cluster/syrf-apps"],
    serviceAccounts: [{ namespace: "syrf-staging", name: "syrf-api" }],
  };
}

describe("detectors: the emitted patterns against CloudTrail events (both stacks' filters on the shared log group)", () => {
  let patterns: Map<string, string>;
  beforeAll(async () => {
    const prod = patternsOf(await committedRun("prod"));
    const staging = patternsOf(await runStack({ stack: "staging", mutateConfig: withPodIdentity }));
    patterns = new Map([...prod, ...staging]);
    expect(patterns.size).toBe(prod.size + staging.size);
  });

  it("emits one filter per detector: staging's, then prod's own and 14 CIS filters", () => {
    expect([...patterns.keys()].filter((n) => !n.startsWith(P("cis-")))).toEqual([
      P("foreign-assume-syrf-prod-api-atlas"),
      P("role-change-syrf-prod-api-atlas"),
      P("workload-role-change-1"),
      P("trail-tampering"),
      P("pipeline-tampering"),
      P("detector-tampering"),
      P("key-tampering"),
      F_API,
      C_API,
      F_REPORTS,
      C_REPORTS,
      WORKLOADS,
      S("trail-tampering"),
      S("detector-tampering"),
      S("key-tampering"),
    ]);
    expect([...patterns.keys()].filter((n) => n.startsWith(P("cis-")))).toHaveLength(14);
  });

  it("the key-tampering patterns name the audit keys' ids and ARNs as the mocks report them", () => {
    const ids = (k: { keyId: string; keyArn: string }) =>
      `($.requestParameters.keyId="${k.keyId}")||($.requestParameters.keyId="${k.keyArn}")`;
    expect(patterns.get(P("key-tampering"))).toContain(`(${ids(TRAIL_KEY)}||${ids(TOPIC_KEY)})`);
    expect(patterns.get(S("key-tampering"))).toContain(`(${ids(TOPIC_KEY)})`);
  });

  it("every fixture file has an expectation, and every expectation a file", () => {
    const files = fs
      .readdirSync(FIXTURES)
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it("every emitted pattern parses", () => {
    for (const p of patterns.values()) expect(() => parseFilterPattern(p)).not.toThrow();
  });

  it.each(Object.entries(EXPECTED))("%s matches exactly %j, whatever != does on an absent field", (name, expected) => {
    const event = fixture(name);
    for (const absentNotEquals of ["match", "noMatch"] as const) {
      const hit = [...patterns].filter(([, p]) => matches(p, event, { absentNotEquals })).map(([n]) => n);
      expect({ absentNotEquals, hit: hit.sort() }).toEqual({ absentNotEquals, hit: [...expected].sort() });
    }
  });
});

describe("detectors: the 1024-character filter-pattern limit", () => {
  it.each(["staging", "prod"])("no pattern the %s stack emits exceeds 1024 characters", async (stack) => {
    const patterns = patternsOf(await committedRun(stack));
    expect(patterns.size).toBeGreaterThan(0);
    for (const [name, p] of patterns)
      expect({ name, over: p.length > FILTER_PATTERN_MAX }).toEqual({ name, over: false });
  });

  /** One connection role `x` allowed to `count` principals with the shortest ARNs (`role/a`, `role/b`, ...). */
  const shortest = (count: number) => (cfg: Record<string, unknown>) => {
    const aws = cfg.aws as { connections: Record<string, unknown>[] };
    aws.connections = [
      {
        name: "x",
        allowedPrincipals: Array.from(
          { length: count },
          (_, i) => `arn:aws:iam::111122223333:role/${"abcdefghijklmnopqrstuvwxyz"[i]}`,
        ),
        roles: [{ role: "read", database: "syrf_staging" }],
        scopes: ["syrf-shared"],
      },
    ];
  };

  it("at the largest principal count config allows (9 shortest ARNs) every pattern fits, the longest at 981 characters", async () => {
    const patterns = patternsOf(await runStack({ stack: "staging", mutateConfig: shortest(9) }));
    expect(patterns.get("syrf-staging-audit-foreign-assume-x")?.length).toBe(981);
    for (const p of patterns.values()) expect(p.length).toBeLessThanOrEqual(FILTER_PATTERN_MAX);
  });

  it("one more principal is a config error naming the limit and the count, and nothing is registered", async () => {
    let error: unknown;
    try {
      await runStack({ stack: "staging", mutateConfig: shortest(10) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `atlas-access:aws.connections[0].allowedPrincipals: got ${JSON.stringify(
        Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111122223333:role/${"abcdefghijklmnopqrstuvwxyz"[i]}`),
      ).slice(
        0,
        117,
      )}...; with 10 allowed principals the foreign-assumption filter pattern for role x would be 1068 characters; CloudWatch Logs accepts at most 1024: allow fewer principals (the detector cannot be split: each filter would flag the principals the others allow)`,
    ]);
    expect(registeredBefore(error)).toEqual([]);
  });
});
