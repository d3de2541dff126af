import type { AddIssue, StackConfig } from "../config";

/** The Atlas operator, per-pull-request previews and Kyverno. (Operator and admission issues.) */
export const kubernetesSections = {};

export function checkKubernetes(_cfg: StackConfig, _add: AddIssue): void {}
