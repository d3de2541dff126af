/**
 * The connection role's trust policy, built as plain data (no provider call), so that what the program registers is
 * exactly what tests and the IAM simulator read.
 */
import { EKS_POD_IDENTITY_SERVICE } from "../../domain/aws";
import type { PodIdentity } from "./args";
import { isCrossAccount } from "./principals";

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
  /** Service accounts of EKS clusters (same account) whose Pod Identity may assume the role. */
  eksPodIdentity?: PodIdentity;
}

/**
 * Allow `sts:AssumeRole` to exactly the configured role ARNs: same-account ones unconditionally (a named principal
 * suffices on its own), other-account ones only from the configured organization; optionally EKS Pod Identity, one
 * statement per service account, limited to this account, the named clusters and the session tags Pod Identity sets
 * for the pod's namespace and service account (the conditions of "Create IAM role with trust policy required by EKS Pod
 * Identity", https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). Nothing else: no wildcard, no account
 * root, no other action.
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
  const pod = input.eksPodIdentity;
  if (pod && pod.clusterArns.length > 0) {
    pod.serviceAccounts.forEach((sa, i) => {
      statements.push({
        Sid: `EksPodIdentity${i}`,
        Effect: "Allow",
        Principal: { Service: EKS_POD_IDENTITY_SERVICE },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": input.accountId,
            "aws:RequestTag/kubernetes-namespace": sa.namespace,
            "aws:RequestTag/kubernetes-service-account": sa.name,
          },
          ArnEquals: { "aws:SourceArn": [...pod.clusterArns] },
        },
      });
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
