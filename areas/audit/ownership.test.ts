/**
 * One trail per account (`ownership.ts`): which stack owns the account's trail, and what the others may and must say.
 * The single-stack rules run on one stack's values; the cross-stack rule against the other stack files of the
 * repository (changed where a case needs it). Exact problem lines.
 */
import { readStackConfig } from "../../offline/stackFiles";
import { problemsOf } from "../../test/support/config";
import { problemsWithPeers } from "../../test/support/peers";

type Cfg = Record<string, unknown>;
const auditOf = (cfg: Cfg) => cfg.audit as Record<string, unknown>;
const awsOf = (cfg: Cfg) => cfg.aws as { accountId: string; region: string; connections: Record<string, unknown>[] };
/** Staging made an owner of its own trail, as it was before the account had one trail. */
const ownTrail = (cfg: Cfg) => {
  const audit = auditOf(cfg);
  delete audit.trailOwner;
  delete audit.namePrefix;
  audit.trailName = "syrf-staging-audit";
  audit.bucketLifecycle = { expirationDays: 730 };
};
const staging = () => structuredClone(readStackConfig("staging").project);
const prod = () => structuredClone(readStackConfig("prod").project);

describe("audit trail ownership within one stack", () => {
  it("the stack that owns the trail needs its bucket lifecycle", () => {
    const cfg = prod();
    delete auditOf(cfg).bucketLifecycle;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.bucketLifecycle: got nothing; is required in the stack that owns the trail (no trailOwner): set expirationDays (at least 365) for its log files",
    ]);
  });

  it("a stack that adds its detectors to another's trail refuses the trail's settings and the CIS set, and needs its own prefix", () => {
    const cfg = staging();
    Object.assign(auditOf(cfg), { logRetentionDays: 400, bucketLifecycle: { expirationDays: 730 }, cisAlarms: true });
    delete auditOf(cfg).namePrefix;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.logRetentionDays: got 400; is the trail owner's setting (stack prod); remove it here",
      'atlas-access:audit.bucketLifecycle: got {"expirationDays":730,"noncurrentVersionExpirationDays":90}; is the trail owner\'s setting (stack prod); remove it here',
      "atlas-access:audit.cisAlarms: got true; the CIS alarms watch the whole account: only the stack that owns the trail (prod) may set them",
      "atlas-access:audit.namePrefix: got nothing; must be set with trailOwner, and differ from trailName: it names this stack's topic, metric filters and alarms on stack prod's log group",
    ]);
  });

  it("refuses a trailOwner that is not a stack name", () => {
    const cfg = staging();
    auditOf(cfg).trailOwner = "prod stack";
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.trailOwner: got \"prod stack\"; must be a stack name (Pulumi.<stack>.yaml): letters, digits, '-', '_' and '.'",
    ]);
  });
});

describe("cross-stack: one trail per account", () => {
  it.each(["staging", "prod"])(
    "the repository's stacks agree: prod owns the trail, staging adds to it (%s, control)",
    (stack) => {
      expect(problemsWithPeers(stack)).toEqual([]);
    },
  );

  it("refuses a second trail in the account, on each stack", () => {
    const why =
      "one trail per account (a second multi-region trail is billed again, and each one's trail-tampering alarm fires for the other); keep it in one stack and set trailOwner and trailName to it in the other";
    expect(problemsWithPeers("staging", ownTrail)).toEqual([
      `atlas-access:audit.trailName: got "syrf-staging-audit"; stack prod also creates a trail in account 111122223333 (syrf-prod-audit): ${why}, e.g. trailOwner: prod, trailName: syrf-prod-audit`,
    ]);
    expect(problemsWithPeers("prod", undefined, { staging: ownTrail })).toEqual([
      `atlas-access:audit.trailName: got "syrf-prod-audit"; stack staging also creates a trail in account 111122223333 (syrf-staging-audit): ${why}, e.g. trailOwner: staging, trailName: syrf-staging-audit`,
    ]);
  });

  it("accepts a second trail in another account (control)", () => {
    const otherAccount = (cfg: Cfg) => {
      ownTrail(cfg);
      awsOf(cfg).accountId = "444455556666";
      for (const c of awsOf(cfg).connections)
        c.allowedPrincipals = (c.allowedPrincipals as string[]).map((p) => p.replace("111122223333", "444455556666"));
      auditOf(cfg).keyAdministrators = ["arn:aws:iam::444455556666:role/syrf-staging-deploy"];
    };
    expect(problemsWithPeers("staging", otherAccount)).toEqual([]);
  });

  it("refuses a trailOwner naming this stack, or no stack of the project", () => {
    expect(problemsWithPeers("staging", (cfg) => (auditOf(cfg).trailOwner = "staging"))).toEqual([
      'atlas-access:audit.trailOwner: got "staging"; names this stack; leave trailOwner out in the stack that owns the trail',
    ]);
    expect(problemsWithPeers("staging", (cfg) => (auditOf(cfg).trailOwner = "qa"))).toEqual([
      'atlas-access:audit.trailOwner: got "qa"; names no stack of this project with valid atlas-access:aws and atlas-access:audit; stacks: prod, staging',
    ]);
  });

  it("refuses an owner that owns no trail, or whose trail is in another account or region", () => {
    const prodPoints = { prod: (cfg: Cfg) => void Object.assign(auditOf(cfg), { trailOwner: "staging" }) };
    expect(problemsWithPeers("staging", undefined, prodPoints)).toEqual([
      'atlas-access:audit.trailOwner: got "prod"; stack prod owns no trail either (its trailOwner is staging); name the stack that creates the trail',
    ]);
    const account = { prod: (cfg: Cfg) => void (awsOf(cfg).accountId = "444455556666") };
    expect(problemsWithPeers("staging", undefined, account)).toEqual([
      "atlas-access:audit.trailOwner: got \"prod\"; stack prod's trail is in account 444455556666, not this stack's 111122223333: a stack can only add detectors to its own account's trail",
    ]);
    const region = { prod: (cfg: Cfg) => void (awsOf(cfg).region = "eu-central-1") };
    expect(problemsWithPeers("staging", undefined, region)).toEqual([
      "atlas-access:audit.trailOwner: got \"prod\"; stack prod's trail is in eu-central-1, not this stack's eu-west-1: metric filters and alarms must be in the log group's region",
    ]);
  });

  it("refuses another trail name than the owner's, and the owner's prefix", () => {
    expect(problemsWithPeers("staging", (cfg) => (auditOf(cfg).trailName = "syrf-audit"))).toEqual([
      'atlas-access:audit.trailName: got "syrf-audit"; is not stack prod\'s trail (syrf-prod-audit); name the trail whose log group this stack adds its detectors to',
    ]);
    expect(problemsWithPeers("staging", (cfg) => (auditOf(cfg).namePrefix = "syrf-prod-audit"))).toEqual([
      "atlas-access:audit.namePrefix: got \"syrf-prod-audit\"; must be set with trailOwner, and differ from trailName: it names this stack's topic, metric filters and alarms on stack prod's log group",
      'atlas-access:audit.namePrefix: got "syrf-prod-audit"; is also stack prod\'s prefix on the same log group; each stack needs its own',
    ]);
  });

  it("refuses more metric filters on the shared log group than CloudWatch Logs allows, counting every stack on it", () => {
    const many = (cfg: Cfg) => {
      const template = awsOf(cfg).connections[0] as Record<string, unknown>;
      awsOf(cfg).connections = Array.from({ length: 40 }, (_, i) => ({ ...template, name: `app-${i}-atlas` }));
    };
    expect(problemsWithPeers("staging", many)).toEqual([
      'atlas-access:audit.trailOwner: got "prod"; the log group of trail syrf-prod-audit would hold 105 metric filters (staging: 84, prod: 21); CloudWatch Logs allows at most 100 per log group',
    ]);
  });
});
