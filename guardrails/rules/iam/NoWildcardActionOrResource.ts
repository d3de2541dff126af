import { isWildcardAction } from "../../../domain/aws";
import { isAllow, parsePolicy, where } from "../../lib/iamPolicy";
import { q, records, strings } from "../../lib/values";
import type { ResourceRule } from "../../types";

/** Identity policies, by type token → the input holding the document. */
const IDENTITY_POLICY_FIELDS: Readonly<Record<string, string>> = {
  "aws:iam/policy:Policy": "policy",
  "aws:iam/rolePolicy:RolePolicy": "policy",
  "aws:iam/userPolicy:UserPolicy": "policy",
  "aws:iam/groupPolicy:GroupPolicy": "policy",
};

function checkDocument(field: string, value: unknown): string[] {
  const policy = parsePolicy(value);
  if (!policy) return [];
  if (!policy.ok) return [`${field} ${policy.problem}`];
  const out: string[] = [];
  for (const s of policy.statements.filter(isAllow)) {
    if (s.raw.NotAction !== undefined)
      out.push(`${where(field, s)} uses NotAction with Effect Allow, which allows every other action`);
    if (s.raw.NotResource !== undefined)
      out.push(`${where(field, s)} uses NotResource with Effect Allow, which allows every other resource`);
    for (const a of strings(s.raw.Action).filter(isWildcardAction))
      out.push(`${where(field, s)} allows action ${q(a)}`);
    for (const res of strings(s.raw.Resource).filter((x) => x === "*"))
      out.push(`${where(field, s)} allows resource ${q(res)}`);
  }
  return out;
}

export const NoWildcardActionOrResource: ResourceRule = {
  kind: "resource",
  id: "IAM-002",
  title: 'No identity policy allows a "*" action or a "*" resource.',
  severity: "high",
  reason:
    'An identity policy with "*" (or "service:*") actions, or "*" resources, grants what nobody listed; the next ' +
    "API AWS ships is granted too. NotAction/NotResource with Allow are the same thing written backwards.",
  remediation: "List the exact actions the identity calls and the exact ARNs it calls them on.",
  types: [...Object.keys(IDENTITY_POLICY_FIELDS), "aws:iam/role:Role"],
  check(r) {
    if (r.type === "aws:iam/role:Role") {
      return records(r.inputs.inlinePolicies).flatMap(({ index, value }) =>
        checkDocument(`inlinePolicies[${index}].policy`, value.policy),
      );
    }
    const field = IDENTITY_POLICY_FIELDS[r.type] as string;
    return checkDocument(field, r.inputs[field]);
  },
};
