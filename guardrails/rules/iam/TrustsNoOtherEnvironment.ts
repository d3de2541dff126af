import { EKS_POD_IDENTITY_SERVICE, parseRoleArn, roleNameWords } from "../../../domain/aws";
import { ENVIRONMENTS } from "../../../domain/project";
import { isAllow, parsePolicy, principals, where } from "../../lib/iamPolicy";
import { connectionRoles, physicalName } from "../../lib/stack";
import { isRecord, q, resourceLabel, strings } from "../../lib/values";
import type { StackRule } from "../../types";

/** The environments a name says it belongs to: its words that are environment names. */
const environmentsOf = (name: string): string[] =>
  roleNameWords(name).filter((w) => (ENVIRONMENTS as readonly string[]).includes(w));

/** The Pod Identity namespaces a statement admits (`aws:RequestTag/kubernetes-namespace` under any operator). */
function namespacesOf(condition: unknown): string[] {
  if (!isRecord(condition)) return [];
  return Object.values(condition).flatMap((op) =>
    isRecord(op) ? strings(op["aws:RequestTag/kubernetes-namespace"]) : [],
  );
}

export const TrustsNoOtherEnvironment: StackRule = {
  kind: "stack",
  id: "IAM-005",
  title: "A connection role named for one environment trusts no workload role or namespace named for another.",
  severity: "high",
  reason:
    "A workload that can assume both environments' connection roles reaches both environments' databases: the prod " +
    "connection trusting the staging workload lets whatever runs as staging read production. The policy pack sees one " +
    "stack, so it cannot compare with the other stacks' principals (the config's cross-stack rule does that exactly); " +
    "it can see the environment a role's name carries, by the convention every stack here follows.",
  remediation:
    "Trust only the workload roles (and Pod Identity namespaces) of the connection role's own environment; give each " +
    "environment its own workload role.",
  check(resources) {
    const out: { resource: string; message: string }[] = [];
    for (const role of connectionRoles(resources)) {
      const own = environmentsOf(physicalName(role));
      if (own.length !== 1) continue;
      const policy = parsePolicy(role.inputs.assumeRolePolicy);
      if (!policy?.ok) continue;
      for (const s of policy.statements.filter(isAllow)) {
        const names = principals(s).flatMap((p) => {
          if (p.kind === "AWS") return [{ what: "role", value: p.value, name: parseRoleArn(p.value)?.name }];
          if (p.kind === "Service" && p.value === EKS_POD_IDENTITY_SERVICE)
            return namespacesOf(s.raw.Condition).map((ns) => ({ what: "Pod Identity namespace", value: ns, name: ns }));
          return [];
        });
        for (const { what, value, name } of names) {
          const other = environmentsOf(name ?? "").filter((e) => !own.includes(e));
          if (other.length === 0) continue;
          out.push({
            resource: resourceLabel(role),
            message: `connection role ${q(physicalName(role))} (environment ${own[0]}) trusts ${what} ${q(value)}, named for environment ${other.join(", ")} (${where("assumeRolePolicy", s)})`,
          });
        }
      }
    }
    return out;
  },
};
