import { z } from "zod";
import type { AddIssue, StackConfig } from "../config";
import { clusterName, databaseName, strictObject } from "./common";

/**
 * `atlas-access:aws`: the AWS account and the IAM connection roles used for Atlas MONGODB-AWS authentication.
 * The shape is shared with the audit component (it watches every connection role); the IAM connection issue
 * owns the validation rules.
 */
export const connectionSchema = strictObject({
  /** IAM role name of the connection role (created at path `/`). */
  name: z.string().regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, { error: "must be an IAM role name: 1-64 of A-Z a-z 0-9 + = , . @ _ -" }),
  /** Workload role ARNs allowed to assume the connection role (exact ARNs, same account). */
  allowedPrincipals: z.array(z.string()),
  /** Database roles of the Atlas user bound to the role. */
  roles: z.array(strictObject({ role: z.string(), database: databaseName })),
  /** Clusters the Atlas user may reach (required: no scopes means every cluster of the project). */
  scopes: z.array(clusterName),
});
export type ConnectionConfig = z.infer<typeof connectionSchema>;

export const awsSchema = strictObject({
  /** The AWS account id (12 digits) that holds the connection roles and the audit trail. */
  accountId: z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id, e.g. 111122223333" }),
  /** Home region of the audit resources. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "must be an AWS region such as eu-west-1" }),
  connections: z.array(connectionSchema),
});
export type AwsConfig = z.infer<typeof awsSchema>;

export function checkAws(_cfg: StackConfig, _add: AddIssue): void {}
