/** Every GCP IAM member / binding / policy resource, and the (role, member) pairs it grants. */
import { records, str, strings, isRecord } from "./values";
import type { ResourceView } from "../types";

/** `gcp:projects/iAMMember:IAMMember`, `gcp:secretmanager/secretIamBinding:SecretIamBinding`, `gcp:storage/bucketIAMPolicy:BucketIAMPolicy`, ... */
export const GCP_IAM_TYPE = /^gcp:[A-Za-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]*I[Aa][Mm](Member|Binding|Policy)$/;

export interface Grant {
  role: string;
  member: string;
  /** Where in the inputs, for messages: `member`, `members[1]`, `policyData.bindings[0].members[2]`. */
  at: string;
}

/** The grants of a GCP IAM resource, or why its `policyData` cannot be read (GCP-001 reports it, the others skip). */
export function grants(r: ResourceView): Grant[] | { problem: string } {
  const role = str(r.inputs.role);
  if (role !== undefined) {
    if (str(r.inputs.member) !== undefined) return [{ role, member: r.inputs.member as string, at: "member" }];
    return strings(r.inputs.members).map((member, i) => ({ role, member, at: `members[${i}]` }));
  }
  const data = r.inputs.policyData;
  if (data === undefined) return [];
  let doc: unknown = data;
  if (typeof data === "string") {
    try {
      doc = JSON.parse(data);
    } catch {
      return { problem: "policyData is not valid JSON, so it cannot be checked" };
    }
  }
  if (!isRecord(doc)) return { problem: "policyData is not a policy object, so it cannot be checked" };
  return records(doc.bindings).flatMap(({ index, value }) =>
    strings(value.members).map((member, i) => ({
      role: str(value.role) ?? "",
      member,
      at: `policyData.bindings[${index}].members[${i}]`,
    })),
  );
}
