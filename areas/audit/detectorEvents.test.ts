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
import { TRAIL_KEY } from "./fixtures/stackArgs";
import { FILTER_PATTERN_MAX } from "./patterns";

const FIXTURES = path.join(__dirname, "fixtures", "events");
const FILTER_TYPE = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const { keyId: TRAIL_KEY_ID, keyArn: TRAIL_KEY_ARN } = TRAIL_KEY;

function patternsOf(result: RunResult): Map<string, string> {
  return new Map(
    result.registrations.filter((r) => r.type === FILTER_TYPE).map((r) => [r.name, String(r.inputs.pattern)]),
  );
}

function fixture(name: string): unknown {
  const text = fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8");
  return JSON.parse(text.replaceAll("{{trailKeyId}}", TRAIL_KEY_ID).replaceAll("{{trailKeyArn}}", TRAIL_KEY_ARN));
}

const F_API = "audit-foreign-assume-syrf-staging-api-atlas";
const F_REPORTS = "audit-foreign-assume-syrf-staging-reports-atlas";
const C_API = "audit-role-change-syrf-staging-api-atlas";
const C_REPORTS = "audit-role-change-syrf-staging-reports-atlas";
const TRAIL = "audit-trail-tampering";
const cis = (id: string) => `audit-cis-${id}`;

/** Fixture → exactly the filters it must match (staging roles, with cisAlarms switched on). */
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
  "iam-update-trust-connection-role": [C_API],
  "iam-update-trust-other-role": [],
  "iam-attach-policy-connection-role": [C_REPORTS, cis("4-4")],
  "iam-delete-permissions-boundary-connection-role": [C_API],
  "iam-update-role-connection-role": [C_API],
  "cloudtrail-create-trail": [TRAIL, cis("4-5")],
  "cloudtrail-update-trail": [TRAIL, cis("4-5")],
  "cloudtrail-delete-trail": [TRAIL, cis("4-5")],
  "cloudtrail-start-logging": [TRAIL, cis("4-5")],
  "cloudtrail-stop-logging": [TRAIL, cis("4-5")],
  "cloudtrail-put-event-selectors": [TRAIL],
  "kms-disable-trail-key-by-arn": [TRAIL, cis("4-7")],
  "kms-schedule-deletion-trail-key-by-id": [TRAIL, cis("4-7")],
  "kms-disable-other-key": [cis("4-7")],
};

describe("detectors: the emitted patterns against CloudTrail events (staging, cisAlarms on)", () => {
  let patterns: Map<string, string>;
  beforeAll(async () => {
    patterns = patternsOf(
      await runStack({
        stack: "staging",
        mutateConfig: (cfg) => void ((cfg.audit as Record<string, unknown>).cisAlarms = true),
      }),
    );
  });

  it("emits one filter per detector: 2 per connection role, the trail, and 14 CIS filters", () => {
    expect([...patterns.keys()].filter((n) => !n.startsWith("audit-cis-"))).toEqual([
      F_API,
      C_API,
      F_REPORTS,
      C_REPORTS,
      TRAIL,
    ]);
    expect([...patterns.keys()].filter((n) => n.startsWith("audit-cis-"))).toHaveLength(14);
  });

  it("the trail-tampering pattern names the trail key's id and ARN as the mocks report them", () => {
    expect(patterns.get(TRAIL)).toContain(
      `($.requestParameters.keyId="${TRAIL_KEY_ID}")||($.requestParameters.keyId="${TRAIL_KEY_ARN}")`,
    );
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
    const patterns = patternsOf(await runStack({ stack }));
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
    expect(patterns.get("audit-foreign-assume-x")?.length).toBe(981);
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
