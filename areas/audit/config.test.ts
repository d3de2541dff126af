/** `atlas-access:audit` rules and the audit's cross-section rules on `atlas-access:aws`: one test per rule, exact messages. */
import { parseStackConfig } from "../../program/config";
import { DEFAULT_LOG_RETENTION_DAYS } from "./args";
import { auditTrailArgs } from "./fromConfig";
import { readStackConfig } from "../../offline/stackFiles";
import { problemsOf } from "../../test/support/config";
import { auditOf, connectionOf, valid } from "./fixtures/config";

describe("atlas-access:audit: accepted values and defaults", () => {
  it.each(["staging", "prod"])("accepts Pulumi.%s.yaml", (stack) => {
    expect(() => parseStackConfig(readStackConfig(stack).project)).not.toThrow();
  });

  it("defaults noncurrent versions to 90 days, no HTTPS endpoint and no CIS set; retention (365 days) is the component's default", () => {
    const cfg = valid();
    const audit = auditOf(cfg);
    delete audit.logRetentionDays;
    delete audit.alarmHttpsEndpoints;
    delete audit.cisAlarms;
    delete audit.bucketLifecycle.noncurrentVersionExpirationDays;
    expect(parseStackConfig(cfg).audit).toEqual({
      trailName: "syrf-prod-audit",
      bucketLifecycle: { transitionToGlacierDays: 180, expirationDays: 2557, noncurrentVersionExpirationDays: 90 },
      keyAdministrators: [
        "arn:aws:iam::111122223333:role/syrf-prod-deploy",
        "arn:aws:iam::111122223333:role/security-break-glass",
      ],
      alarmEmails: ["security@example.com", "platform-oncall@example.com"],
      alarmHttpsEndpoints: [],
      cisAlarms: false,
    });
    expect(auditTrailArgs(parseStackConfig(cfg))?.logRetentionDays).toBeUndefined();
    expect(DEFAULT_LOG_RETENTION_DAYS).toBe(365);
  });

  it("is optional: a stack without it validates", () => {
    const cfg = valid();
    delete cfg.audit;
    expect(parseStackConfig(cfg).audit).toBeUndefined();
  });
});

describe("atlas-access:audit: rules", () => {
  it("rejects an unknown key, naming the accepted keys", () => {
    const cfg = valid();
    auditOf(cfg).alarmEmail = ["a@example.com"];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.alarmEmail: unknown key; accepted keys here: alarmEmails, alarmHttpsEndpoints, bucketLifecycle, cisAlarms, keyAdministrators, logRetentionDays, namePrefix, trailName, trailOwner",
    ]);
  });

  it("requires a trail name", () => {
    const cfg = valid();
    delete auditOf(cfg).trailName;
    expect(problemsOf(cfg)).toEqual(["atlas-access:audit.trailName: required but missing; expected string"]);
  });

  it("rejects a trail name that cannot also name the bucket", () => {
    const cfg = valid();
    auditOf(cfg).trailName = "Syrf_Audit";
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.trailName: got \"Syrf_Audit\"; must be 3-48 lowercase letters, digits or '-', starting and ending with a letter or digit (it also names the bucket <trailName>-<accountId>)",
    ]);
  });

  it("rejects a retention CloudWatch Logs does not accept", () => {
    const cfg = valid();
    auditOf(cfg).logRetentionDays = 366;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.logRetentionDays: got 366; must be a retention CloudWatch Logs accepts and at least a year: one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ]);
  });

  it("rejects a retention CloudWatch accepts but shorter than a year", () => {
    const cfg = valid();
    auditOf(cfg).logRetentionDays = 180;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.logRetentionDays: got 180; must be a retention CloudWatch Logs accepts and at least a year: one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ]);
  });

  it("rejects log files expiring before a year", () => {
    const cfg = valid();
    auditOf(cfg).bucketLifecycle.expirationDays = 300;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.bucketLifecycle.expirationDays: got 300; must be at least 365 days (expirationDays)",
    ]);
  });

  it("rejects a fractional number of days", () => {
    const cfg = valid();
    auditOf(cfg).bucketLifecycle.expirationDays = 400.5;
    expect(problemsOf(cfg)).toEqual(["atlas-access:audit.bucketLifecycle.expirationDays: got 400.5; expected int"]);
  });

  it("rejects a Glacier transition sooner than 30 days", () => {
    const cfg = valid();
    auditOf(cfg).bucketLifecycle.transitionToGlacierDays = 7;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.bucketLifecycle.transitionToGlacierDays: got 7; must be at least 30 days (transitionToGlacierDays)",
    ]);
  });

  it("rejects a Glacier transition at or after expiration", () => {
    const cfg = valid();
    auditOf(cfg).bucketLifecycle.transitionToGlacierDays = 2557;
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.bucketLifecycle.transitionToGlacierDays: got 2557; must be less than expirationDays (2557), or omitted",
    ]);
  });

  it("requires at least one alarm e-mail", () => {
    const cfg = valid();
    auditOf(cfg).alarmEmails = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.alarmEmails: got []; must list at least one e-mail address: an alarm nobody receives detects nothing",
    ]);
  });

  it("rejects an alarm e-mail that is not an address", () => {
    const cfg = valid();
    auditOf(cfg).alarmEmails = ["security@example.com", "security team"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:audit.alarmEmails[1]: got "security team"; must be an e-mail address such as security@example.com',
    ]);
  });

  it("rejects a duplicate alarm e-mail", () => {
    const cfg = valid();
    auditOf(cfg).alarmEmails = ["security@example.com", "security@example.com"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:audit.alarmEmails[1]: got "security@example.com"; duplicate of item [0]; each entry must appear once',
    ]);
  });

  it("rejects a plain-http endpoint", () => {
    const cfg = valid();
    auditOf(cfg).alarmHttpsEndpoints = ["http://alerts.example.com/hook"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:audit.alarmHttpsEndpoints[0]: got "http://alerts.example.com/hook"; must be an https:// URL such as https://alerts.example.com/hooks/aws (plain http is not accepted)',
    ]);
  });

  it("rejects a cisAlarms that is not a boolean", () => {
    const cfg = valid();
    auditOf(cfg).cisAlarms = "yes";
    expect(problemsOf(cfg)).toEqual(['atlas-access:audit.cisAlarms: got "yes"; expected boolean']);
  });

  it("needs atlas-access:aws to know the account, the region and the roles to watch", () => {
    const cfg = valid();
    delete cfg.aws;
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:audit: got {"trailName":"syrf-prod-audit"}; needs atlas-access:aws (accountId, region and the connection roles to watch); add it, or remove atlas-access:audit',
    ]);
  });
});

describe("atlas-access:audit.keyAdministrators", () => {
  it("rejects an empty list: nobody could manage the keys", () => {
    const cfg = valid();
    auditOf(cfg).keyAdministrators = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.keyAdministrators: got []; must name at least one IAM role: with no administrator nobody could ever manage the audit keys",
    ]);
  });

  it("rejects the account root or a wildcard: the key policy must name roles exactly", () => {
    const cfg = valid();
    auditOf(cfg).keyAdministrators = ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/*"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:audit.keyAdministrators[0]: got "arn:aws:iam::111122223333:root"; must be an exact IAM role ARN, e.g. arn:aws:iam::111122223333:role/platform-deploy',
      'atlas-access:audit.keyAdministrators[1]: got "arn:aws:iam::111122223333:role/*"; must be an exact IAM role ARN, e.g. arn:aws:iam::111122223333:role/platform-deploy',
    ]);
  });

  it("rejects a role of another account", () => {
    const cfg = valid();
    auditOf(cfg).keyAdministrators = ["arn:aws:iam::777788889999:role/admin"];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:audit.keyAdministrators[0]: got \"arn:aws:iam::777788889999:role/admin\"; is in account 777788889999; the audit keys' administrators must be roles of this stack's account 111122223333",
    ]);
  });
});

describe("atlas-access:aws rules the audit adds (only when atlas-access:audit is set)", () => {
  it("leaves a malformed principal to the IAM connection rules: reported once, not twice", () => {
    const cfg = valid();
    connectionOf(cfg, 0).allowedPrincipals = ["arn:aws:iam::111122223333:role/service-role/*"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:aws.connections[0].allowedPrincipals[0]: got "arn:aws:iam::111122223333:role/service-role/*"; wildcards are not allowed in a principal: ' +
        "they trust every identity the pattern matches; name the exact workload role ARN, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda",
    ]);
  });

  it("rejects a cross-account principal the IAM rules would accept: its legitimate use would always alarm", () => {
    const cfg = valid();
    const connection = connectionOf(cfg, 0) as ReturnType<typeof connectionOf> & { crossAccount?: object };
    connection.allowedPrincipals = ["arn:aws:iam::777788889999:role/partner-app"];
    connection.crossAccount = { accountIds: ["777788889999"], principalOrgId: "o-a1b2c3d4e5" };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:aws.connections[0].allowedPrincipals[0]: got "arn:aws:iam::777788889999:role/partner-app"; is in account 777788889999, not 111122223333: ' +
        "CloudTrail records a cross-account AssumeRole here without the caller's role ARN (userIdentity.type AWSAccount), so the foreign-assumption " +
        "alarm would fire on every legitimate use; list only roles of this account while atlas-access:audit is set",
    ]);
  });

  it("does not apply when there is no audit section", () => {
    const cfg = valid();
    delete cfg.audit;
    const connection = connectionOf(cfg, 0) as ReturnType<typeof connectionOf> & { crossAccount?: object };
    connection.allowedPrincipals = ["arn:aws:iam::777788889999:role/partner-app"];
    connection.crossAccount = { accountIds: ["777788889999"], principalOrgId: "o-a1b2c3d4e5" };
    expect(() => parseStackConfig(cfg)).not.toThrow();
  });
});
