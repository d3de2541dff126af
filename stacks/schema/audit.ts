import type { AddIssue, StackConfig } from "../config";
import { strictObject } from "./common";

/** `atlas-access:audit`: CloudTrail, detectors and notification. (Filled in by the audit issue.) */
export const auditSchema = strictObject({});

export function checkAudit(_cfg: StackConfig, _add: AddIssue): void {}
