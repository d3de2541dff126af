import { isAccountRoot } from "../../../domain/aws";
import { hasCondition, isAllow, parsePolicy, principals, where } from "../../lib/iamPolicy";
import { q } from "../../lib/values";
import type { ResourceRule } from "../../types";

/** Resource-based and trust policies, by type token → the input holding the document. */
const RESOURCE_POLICY_FIELDS: Readonly<Record<string, string>> = {
  "aws:iam/role:Role": "assumeRolePolicy",
  "aws:s3/bucket:Bucket": "policy",
  "aws:s3/bucketPolicy:BucketPolicy": "policy",
  "aws:kms/key:Key": "policy",
  "aws:kms/keyPolicy:KeyPolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
};

export const NoWildcardOrRootPrincipal: ResourceRule = {
  kind: "resource",
  id: "IAM-001",
  title: 'No trust or resource policy allows "*" or an account root without a Condition.',
  severity: "critical",
  reason:
    'A "*" principal lets any AWS account act; an account-root principal delegates to every identity of that account that ' +
    "IAM lets through. Either, without a Condition, turns one resource into a door for identities nobody reviewed.",
  remediation:
    "Name the exact role ARNs (or the AWS service principal) that need access. If a whole account or everyone must be " +
    "named (e.g. a KMS key's administrators), restrict the statement with a Condition such as aws:PrincipalArn or aws:SourceArn.",
  types: Object.keys(RESOURCE_POLICY_FIELDS),
  check(r) {
    const field = RESOURCE_POLICY_FIELDS[r.type] as string;
    const policy = parsePolicy(r.inputs[field]);
    if (!policy) return [];
    if (!policy.ok) return [`${field} ${policy.problem}`];
    const out: string[] = [];
    for (const s of policy.statements.filter(isAllow)) {
      if (s.raw.NotPrincipal !== undefined)
        out.push(`${where(field, s)} uses NotPrincipal with Effect Allow, which allows everyone not listed`);
      if (hasCondition(s)) continue;
      for (const p of principals(s)) {
        if (p.value === "*")
          out.push(
            `${where(field, s)} allows principal ${p.kind === "*" ? '"*"' : `${p.kind} "*"`} without a Condition`,
          );
        else if (p.kind === "AWS" && isAccountRoot(p.value))
          out.push(`${where(field, s)} allows account root ${q(p.value)} without a Condition`);
      }
    }
    return out;
  },
};
