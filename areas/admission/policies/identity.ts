/**
 * Who sends a request, as CEL variables the policies share: the deployers (from config), the operator (its service
 * account, derived from its release) and Kubernetes' own controllers that empty a terminating namespace.
 */
import { GARBAGE_COLLECTOR, NAMESPACE_CONTROLLER } from "../../../domain/kubernetes";
import type { Writers } from "./params";
import { celList, celString } from "./skeleton";
import type { NamedExpression } from "./skeleton";

/** Kubernetes' namespace controller and garbage collector: they only ever delete. */
export const LIFECYCLE_CONTROLLERS: readonly string[] = [NAMESPACE_CONTROLLER, GARBAGE_COLLECTOR];

/** `variables.username`, `variables.isOperator`, `variables.isDeployer`, `variables.isLifecycleController`. */
export function identityVariables(w: Writers): NamedExpression[] {
  return [
    { name: "username", expression: "request.userInfo.username" },
    { name: "isOperator", expression: `variables.username == ${celString(w.operator)}` },
    {
      name: "isDeployer",
      expression: `variables.username in ${celList(w.deployerUsers)} || request.userInfo.groups.exists(g, g in ${celList(w.deployerGroups)})`,
    },
    { name: "isLifecycleController", expression: `variables.username in ${celList(LIFECYCLE_CONTROLLERS)}` },
  ];
}

/** The deployers, for messages: `users a, b; groups c`. */
export function describeDeployers(w: Writers): string {
  const parts = [
    ...(w.deployerUsers.length > 0 ? [`users ${w.deployerUsers.join(", ")}`] : []),
    ...(w.deployerGroups.length > 0 ? [`groups ${w.deployerGroups.join(", ")}`] : []),
  ];
  return parts.join("; ");
}
