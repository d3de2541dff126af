/**
 * The connection role's trust policy, built as plain data (no provider call), so that what the program registers is
 * exactly what tests and the IAM simulator read.
 */
import { isCrossAccount } from "./principals";

/** The service principal of EKS Pod Identity. */
export const EKS_POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

export interface TrustPolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { AWS: string[] } | { Service: string };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface TrustPolicy {
  Version: "2012-10-17";
  Statement: TrustPolicyStatement[];
}

export interface TrustPolicyInput {
  /** Account of the connection role. */
  accountId: string;
  /** Exact workload role ARNs (already validated). */
  allowedPrincipals: readonly string[];
  /** When set, principals outside `accountId` are trusted only with `aws:PrincipalOrgID` = this id. */
  principalOrgId?: string;
  /** EKS clusters whose Pod Identity agent may assume the role (same account). */
  eksClusterArns?: readonly string[];
}

/**
 * Allow `sts:AssumeRole` to exactly the configured role ARNs: same-account ones unconditionally (a named principal
 * suffices on its own), other-account ones only from the configured organization; optionally EKS Pod Identity,
 * limited to this account and the named clusters. Nothing else: no wildcard, no account root, no other action.
 */
export function buildTrustPolicy(input: TrustPolicyInput): TrustPolicy {
  const same = input.allowedPrincipals.filter((p) => !isCrossAccount(p, input.accountId));
  const other = input.allowedPrincipals.filter((p) => isCrossAccount(p, input.accountId));
  const statements: TrustPolicyStatement[] = [];
  if (same.length > 0) {
    statements.push({ Sid: "WorkloadRoles", Effect: "Allow", Principal: { AWS: same }, Action: "sts:AssumeRole" });
  }
  if (other.length > 0) {
    if (input.principalOrgId === undefined) {
      throw new Error(
        `buildTrustPolicy: principals ${other.join(", ")} are outside account ${input.accountId} and no principalOrgId was given`,
      );
    }
    statements.push({
      Sid: "CrossAccountWorkloadRoles",
      Effect: "Allow",
      Principal: { AWS: other },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:PrincipalOrgID": input.principalOrgId } },
    });
  }
  if (input.eksClusterArns && input.eksClusterArns.length > 0) {
    statements.push({
      Sid: "EksPodIdentity",
      Effect: "Allow",
      Principal: { Service: EKS_POD_IDENTITY_SERVICE },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: { "aws:SourceAccount": input.accountId },
        ArnEquals: { "aws:SourceArn": [...input.eksClusterArns] },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
