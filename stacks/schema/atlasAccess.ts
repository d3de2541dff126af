import type { AddIssue, StackConfig } from "../config";

/** Atlas application users, stream processing, the operator credential and database auditing. (Users issue.) */
export const atlasAccessSections = {};

export function checkAtlasAccess(_cfg: StackConfig, _add: AddIssue): void {}
