import { checkAuditTrailArgs } from "./args";
import type { AuditTrailArgs } from "./args";

const ACCT = "111122223333";
const args = (): AuditTrailArgs => ({
  accountId: ACCT,
  region: "eu-west-1",
  trailName: "syrf-staging-audit",
  connectionRoles: [{ name: "app-atlas", allowedPrincipals: ["arn:aws:iam::111122223333:role/app"] }],
  bucketLifecycle: { expirationDays: 730 },
  keyAdministratorArns: ["arn:aws:iam::111122223333:role/platform-deploy"],
  alarmEmails: ["security@example.com"],
});
const problemsOf = (a: AuditTrailArgs) => checkAuditTrailArgs(a).problems;

describe("checkAuditTrailArgs (pure)", () => {
  it("accepts valid arguments, with and without the optional ones", () => {
    expect(problemsOf(args())).toEqual([]);
    expect(
      problemsOf({
        ...args(),
        logRetentionDays: 3653,
        bucketLifecycle: { transitionToGlacierDays: 30, expirationDays: 365, noncurrentVersionExpirationDays: 1 },
        alarmHttpsEndpoints: ["https://hooks.example.com/T0KEN"],
        cisAlarms: true,
      }),
    ).toEqual([]);
  });

  it("names each bad argument, the value and the fix, all at once", () => {
    const bad = args();
    bad.accountId = "1111";
    bad.logRetentionDays = 30;
    bad.alarmEmails = [];
    bad.keyAdministratorArns = ["arn:aws:iam::111122223333:role/*"];
    bad.connectionRoles = [
      { name: "app-atlas", allowedPrincipals: ["arn:aws:iam::111122223333:role/*"] },
      { name: "app-atlas", allowedPrincipals: [] },
    ];
    bad.alarmHttpsEndpoints = ["http://hooks.example.com/T0KEN"];
    expect(problemsOf(bad)).toEqual([
      'args.accountId: got "1111"; must be a 12-digit AWS account id',
      "args.logRetentionDays: got 30; must be one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      'args.keyAdministratorArns[0]: got "arn:aws:iam::111122223333:role/*"; must be an exact IAM role ARN in account 1111',
      "args.alarmEmails: got []; must list at least one e-mail address",
      "args.alarmHttpsEndpoints[0]: must be an https:// URL with a host name (value not shown)",
      'args.connectionRoles[0].allowedPrincipals: got "arn:aws:iam::111122223333:role/*"; each must be an IAM role ARN without *, " or \\',
      'args.connectionRoles[1].name: got "app-atlas"; is watched twice; list each connection role once',
    ]);
  });

  it("checks the region, the trail name, the e-mail addresses and the connection role names", () => {
    expect(
      problemsOf({
        ...args(),
        region: "Ireland",
        trailName: "Syrf_Audit",
        alarmEmails: ["security"],
        connectionRoles: [{ name: "app atlas", allowedPrincipals: [] }],
      }),
    ).toEqual([
      'args.region: got "Ireland"; must be an AWS region such as eu-west-1',
      "args.trailName: got \"Syrf_Audit\"; must be 3-48 lowercase letters, digits or '-'",
      'args.alarmEmails[0]: got "security"; must be an e-mail address',
      'args.connectionRoles[0].name: got "app atlas"; must be an IAM role name',
    ]);
  });

  it("checks the bucket lifecycle: a year of evidence, Glacier after at least 30 days and before expiration", () => {
    expect(problemsOf({ ...args(), bucketLifecycle: { expirationDays: 364.5, transitionToGlacierDays: 29 } })).toEqual([
      "args.bucketLifecycle.expirationDays: got 364.5; must be a whole number of days, at least 365",
      "args.bucketLifecycle.transitionToGlacierDays: got 29; must be a whole number of days, at least 30 and less than expirationDays",
    ]);
    expect(problemsOf({ ...args(), bucketLifecycle: { expirationDays: 400, transitionToGlacierDays: 400 } })).toEqual([
      "args.bucketLifecycle.transitionToGlacierDays: got 400; must be a whole number of days, at least 30 and less than expirationDays",
    ]);
  });

  it("requires at least one key administrator, each a role of the trail's account", () => {
    expect(problemsOf({ ...args(), keyAdministratorArns: [] })).toEqual([
      "args.keyAdministratorArns: got []; must name at least one IAM role, or nobody could ever manage the keys",
    ]);
    expect(problemsOf({ ...args(), keyAdministratorArns: ["arn:aws:iam::444455556666:role/deploy"] })).toEqual([
      'args.keyAdministratorArns[0]: got "arn:aws:iam::444455556666:role/deploy"; must be an exact IAM role ARN in account 111122223333',
    ]);
  });

  it("refuses a principal list whose pattern would exceed 1024 characters", () => {
    const bad = args();
    bad.connectionRoles = [
      { name: "x", allowedPrincipals: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111122223333:role/${i}`) },
    ];
    expect(problemsOf(bad)).toEqual([
      'args.connectionRoles[0].allowedPrincipals: got "10 principals"; the foreign-assumption filter pattern would be 1068 characters; CloudWatch Logs accepts at most 1024',
    ]);
  });

  it("refuses more connection roles than the log group's 100 metric filters allow (48, or 41 with the CIS set)", () => {
    // 2 per role, and the trail, key, pipeline and detector tampering detectors (these roles trust no workload role).
    const roles = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `r${i}`, allowedPrincipals: [] }));
    expect(problemsOf({ ...args(), connectionRoles: roles(48) })).toEqual([]);
    expect(problemsOf({ ...args(), connectionRoles: roles(49) })).toEqual([
      'args.connectionRoles: got "49 roles"; needs 102 metric filters; CloudWatch Logs allows 100 per log group',
    ]);
    expect(problemsOf({ ...args(), connectionRoles: roles(41), cisAlarms: true })).toEqual([]);
    expect(problemsOf({ ...args(), connectionRoles: roles(42), cisAlarms: true })).toEqual([
      'args.connectionRoles: got "42 roles"; needs 102 metric filters; CloudWatch Logs allows 100 per log group',
    ]);
  });

  it("without the trail (trailOwner): no storage settings, no CIS set, and a prefix of its own", () => {
    const rest = args();
    delete rest.bucketLifecycle;
    const shared = { ...rest, trailName: "syrf-prod-audit", trailOwner: "prod", namePrefix: "syrf-staging-audit" };
    expect(problemsOf(shared)).toEqual([]);
    expect(
      problemsOf({
        ...shared,
        trailOwner: "prod stack",
        namePrefix: "syrf-staging-audit",
        logRetentionDays: 400,
        bucketLifecycle: { expirationDays: 730 },
        cisAlarms: true,
      }),
    ).toEqual([
      'args.trailOwner: got "prod stack"; must be a stack name',
      "args.logRetentionDays: got 400; belongs to the stack that owns the trail (trailOwner); leave it out here",
      'args.bucketLifecycle: got {"expirationDays":730}; belongs to the stack that owns the trail (trailOwner); leave it out here',
      "args.cisAlarms: got true; watch the whole account; belongs to the stack that owns the trail (trailOwner); leave it out here",
    ]);
    expect(problemsOf({ ...shared, namePrefix: undefined })).toEqual([
      "args.namePrefix: got undefined; must be set, and differ from trailName, when the trail is another stack's",
    ]);
    expect(problemsOf({ ...shared, namePrefix: "Staging" })).toEqual([
      "args.namePrefix: got \"Staging\"; must be 3-48 lowercase letters, digits or '-'",
    ]);
  });

  it("with the trail: a bucket lifecycle is required", () => {
    const rest = args();
    delete rest.bucketLifecycle;
    expect(problemsOf(rest)).toEqual([
      "args.bucketLifecycle: got undefined; is required when this component creates the trail (no trailOwner)",
    ]);
  });
});
