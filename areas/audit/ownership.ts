/**
 * One trail per account. The stack that owns the account's trail leaves `audit.trailOwner` out and keeps its storage
 * settings; every other stack of the account names that stack in `trailOwner`, names the same `trailName`, and adds
 * only its topic and detectors (`namePrefix`-…) to that trail's log group. Two stacks creating a trail in one account
 * would pay for a second multi-region trail, and each one's trail-tampering alarm would fire for the other's updates.
 */
import { crossStackRule, rule, type StackView } from "../../config/rules";
import { METRIC_FILTERS_PER_LOG_GROUP_MAX } from "./patterns";
import type { AuditRuleInput } from "./config";
import { metricFilters } from "./watched";

/** The prefix a stack's own audit resources carry. */
const prefixOf = (audit: NonNullable<AuditRuleInput["audit"]>): string => audit.namePrefix ?? audit.trailName;

export const ownershipRules = [
  rule<AuditRuleInput>({
    name: "audit trail ownership",
    reads: ["audit"],
    check({ audit }, add) {
      if (audit === undefined) return;
      const owner = audit.trailOwner;
      if (owner === undefined) {
        if (audit.bucketLifecycle === undefined) {
          add(
            ["audit", "bucketLifecycle"],
            undefined,
            "is required in the stack that owns the trail (no trailOwner): set expirationDays (at least 365) for its log files",
          );
        }
        return;
      }
      const owned = `is the trail owner's setting (stack ${owner}); remove it here`;
      if (audit.logRetentionDays !== undefined) add(["audit", "logRetentionDays"], audit.logRetentionDays, owned);
      if (audit.bucketLifecycle !== undefined) add(["audit", "bucketLifecycle"], audit.bucketLifecycle, owned);
      if (audit.cisAlarms) {
        add(
          ["audit", "cisAlarms"],
          true,
          `the CIS alarms watch the whole account: only the stack that owns the trail (${owner}) may set them`,
        );
      }
      if (audit.namePrefix === undefined || audit.namePrefix === audit.trailName) {
        add(
          ["audit", "namePrefix"],
          audit.namePrefix,
          `must be set with trailOwner, and differ from trailName: it names this stack's topic, metric filters and alarms on stack ${owner}'s log group`,
        );
      }
    },
  }),
];

type View = StackView<AuditRuleInput>;
/** A stack with both sections, as the rule below reads it. */
type Audited = { stack: string; aws: NonNullable<AuditRuleInput["aws"]>; audit: NonNullable<AuditRuleInput["audit"]> };
const audited = (v: View): Audited | undefined =>
  v.config.aws && v.config.audit ? { stack: v.stack, aws: v.config.aws, audit: v.config.audit } : undefined;

/** Why `owner` cannot hold `self`'s detectors, or undefined when it can. */
function ownerProblem(self: Audited, owner: Audited | undefined, named: string, stacks: string[]): string | undefined {
  if (owner === undefined)
    return `names no stack of this project with valid atlas-access:aws and atlas-access:audit; stacks: ${stacks.join(", ")}`;
  if (owner.audit.trailOwner !== undefined)
    return `stack ${named} owns no trail either (its trailOwner is ${owner.audit.trailOwner}); name the stack that creates the trail`;
  if (owner.aws.accountId !== self.aws.accountId)
    return `stack ${named}'s trail is in account ${owner.aws.accountId}, not this stack's ${self.aws.accountId}: a stack can only add detectors to its own account's trail`;
  if (owner.aws.region !== self.aws.region)
    return `stack ${named}'s trail is in ${owner.aws.region}, not this stack's ${self.aws.region}: metric filters and alarms must be in the log group's region`;
  return undefined;
}

export const ownershipCrossStackRules = [
  crossStackRule<AuditRuleInput>({
    name: "one trail per account",
    reads: ["aws", "audit"],
    check(view, peers, add) {
      const self = audited(view);
      if (self === undefined) return;
      const others = peers.map(audited).filter((p): p is Audited => p !== undefined);
      const named = self.audit.trailOwner;
      if (named === undefined) {
        for (const peer of others.filter((p) => p.aws.accountId === self.aws.accountId && !p.audit.trailOwner)) {
          add(
            ["audit", "trailName"],
            self.audit.trailName,
            `stack ${peer.stack} also creates a trail in account ${self.aws.accountId} (${peer.audit.trailName}): one trail per account ` +
              "(a second multi-region trail is billed again, and each one's trail-tampering alarm fires for the other); keep it in one " +
              `stack and set trailOwner and trailName to it in the other, e.g. trailOwner: ${peer.stack}, trailName: ${peer.audit.trailName}`,
          );
        }
        return;
      }
      if (named === self.stack) {
        add(["audit", "trailOwner"], named, "names this stack; leave trailOwner out in the stack that owns the trail");
        return;
      }
      const owner = others.find((p) => p.stack === named);
      const stacks = [self.stack, ...peers.map((p) => p.stack)].sort();
      const problem = ownerProblem(self, owner, named, stacks);
      if (problem !== undefined || owner === undefined) {
        add(["audit", "trailOwner"], named, problem ?? "");
        return;
      }
      if (self.audit.trailName !== owner.audit.trailName) {
        add(
          ["audit", "trailName"],
          self.audit.trailName,
          `is not stack ${named}'s trail (${owner.audit.trailName}); name the trail whose log group this stack adds its detectors to`,
        );
      }
      const sharing = [owner, ...others.filter((p) => p.stack !== named && p.audit.trailOwner === named)];
      const clash = sharing.find((p) => prefixOf(p.audit) === prefixOf(self.audit));
      if (clash !== undefined) {
        add(
          ["audit", "namePrefix"],
          self.audit.namePrefix,
          `is also stack ${clash.stack}'s prefix on the same log group; each stack needs its own`,
        );
      }
      const counts = [self, ...sharing].map((p) => ({ stack: p.stack, filters: metricFilters(p.aws, p.audit) }));
      // A stack whose principals cannot be compared in a pattern is reported by the IAM rules; nothing to count yet.
      if (counts.some((c) => c.filters === undefined)) return;
      const total = counts.reduce((n, c) => n + (c.filters ?? 0), 0);
      if (total > METRIC_FILTERS_PER_LOG_GROUP_MAX) {
        add(
          ["audit", "trailOwner"],
          named,
          `the log group of trail ${owner.audit.trailName} would hold ${total} metric filters (${counts.map((c) => `${c.stack}: ${c.filters}`).join(", ")}); ` +
            `CloudWatch Logs allows at most ${METRIC_FILTERS_PER_LOG_GROUP_MAX} per log group`,
        );
      }
    },
  }),
];
