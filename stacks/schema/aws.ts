import type { AddIssue, StackConfig } from "../config";
import { strictObject } from "./common";

/** `atlas-access:aws`: the AWS account and the IAM connection roles. (Filled in by the IAM connection issue.) */
export const awsSchema = strictObject({});

export function checkAws(_cfg: StackConfig, _add: AddIssue): void {}
