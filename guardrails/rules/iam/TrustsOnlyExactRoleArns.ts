import { parseRoleArn } from "../../../domain/aws";
import { isAllow, parsePolicy, principals, where } from "../../lib/iamPolicy";
import { q } from "../../lib/values";
import type { ResourceRule } from "../../types";

export const TrustsOnlyExactRoleArns: ResourceRule = {
  kind: "resource",
  id: "IAM-004",
  title: "Every AWS principal a role trusts is an exact IAM role ARN.",
  severity: "high",
  reason:
    "Trusting a user, an account or a federated identity lets people and systems outside the reviewed workload roles " +
    "assume the role. Exact role ARNs are the only principals whose holders the program itself controls. AWS service " +
    'principals (e.g. "cloudtrail.amazonaws.com") are accepted.',
  remediation:
    'List each workload role as "arn:aws:iam::<account>:role/<name>" under Principal.AWS; drop user, root, "*" and Federated principals.',
  types: ["aws:iam/role:Role"],
  check(r) {
    const policy = parsePolicy(r.inputs.assumeRolePolicy);
    if (!policy) return [];
    if (!policy.ok) return [`assumeRolePolicy ${policy.problem}`];
    const out: string[] = [];
    for (const s of policy.statements.filter(isAllow)) {
      for (const p of principals(s)) {
        if (p.kind === "Service") continue;
        if (p.kind === "AWS" && parseRoleArn(p.value) !== undefined) continue;
        out.push(
          `${where("assumeRolePolicy", s)} trusts ${p.kind === "*" ? "" : `${p.kind} `}${q(p.value)}, which is not a role ARN`,
        );
      }
    }
    return out;
  },
};
