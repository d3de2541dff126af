/**
 * This stack's alarm topic (wiring only, called by {@link AuditTrail}): its own KMS key, the topic, its policy and
 * the subscriptions. HTTPS endpoints are passed as secrets: webhook URLs often carry a token.
 */
import * as kms from "@pulumi/aws/kms";
import * as sns from "@pulumi/aws/sns";
import * as pulumi from "@pulumi/pulumi";
import type { AuditTrailArgs } from "./args";
import { topicPolicy } from "./documents";
import { topicKeyPolicy } from "./keyPolicies";
import type { AuditNames } from "./names";

export function declareTopic(
  parent: pulumi.Resource,
  name: string,
  args: AuditTrailArgs,
  names: AuditNames,
): { topicKey: kms.Key; topic: sns.Topic } {
  const { region } = args;
  const opts = { parent };
  const topicKey = new kms.Key(
    `${name}-topic-key`,
    {
      region,
      description: `SNS topic ${names.topicName}: CloudWatch alarms of trail ${args.trailName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(topicKeyPolicy(args.keyAdministratorArns)),
    },
    opts,
  );
  const topic = new sns.Topic(
    `${name}-alarm-topic`,
    { region, name: names.topicName, kmsMasterKeyId: topicKey.arn },
    opts,
  );
  new sns.TopicPolicy(
    `${name}-alarm-topic-policy`,
    { region, arn: topic.arn, policy: JSON.stringify(topicPolicy(names, args.accountId)) },
    opts,
  );
  args.alarmEmails.forEach((address, i) => {
    new sns.TopicSubscription(
      `${name}-email-${i}`,
      { region, topic: topic.arn, protocol: "email", endpoint: address },
      opts,
    );
  });
  (args.alarmHttpsEndpoints ?? []).forEach((url, i) => {
    new sns.TopicSubscription(
      `${name}-https-${i}`,
      { region, topic: topic.arn, protocol: "https", endpoint: pulumi.secret(url) },
      opts,
    );
  });
  return { topicKey, topic };
}
