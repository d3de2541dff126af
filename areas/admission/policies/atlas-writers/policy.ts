/**
 * `atlas-writers`: in preview namespaces `pr-<N>` and the operator's namespace, who may write Atlas resources at all,
 * whatever the resource's shape. Every `*.mongodb.com` group, every resource and subresource (`*\/*`: a rule for
 * `atlasdatabaseusers` never sees `atlasdatabaseusers/status`), CREATE, UPDATE and DELETE:
 * - a subresource (status) only by the operator's service account: the operator trusts status (a `status.name` other
 *   than `spec.username` makes it delete that user from Atlas; the generated kinds take their deletion identity from
 *   status);
 * - the resource itself by the deployers; by the operator only as an UPDATE that leaves `spec` unchanged (finalizers,
 *   its own bookkeeping annotations); DELETE also by Kubernetes' namespace controller and garbage collector.
 */
import type { AdmissionPolicyParams } from "../params";
import { describeDeployers, identityVariables, LIFECYCLE_CONTROLLERS } from "../identity";
import { ATLAS_GROUP, IN_PREVIEW_NAMESPACE, KIND_NAME, WHO, celString, validatingPolicy } from "../skeleton";
import type { AdmissionPolicy } from "../skeleton";

const NAME = "atlas-writers";

export const atlasWriters = (p: AdmissionPolicyParams): AdmissionPolicy => {
  const w = p.writers;
  const where = `preview namespaces and ${p.operatorNamespace}`;
  const rule = (id: string) => ` + ' (rule ${NAME}/${id})'`;
  return validatingPolicy({
    name: NAME,
    title: "Only the deployers and the operator write Atlas resources where the operator acts",
    generatedBy: `areas/admission/policies/${NAME}/policy.ts`,
    resources: [
      { apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"], operations: ["CREATE", "UPDATE", "DELETE"] },
    ],
    matchConditions: [
      ATLAS_GROUP,
      {
        name: "operator-watched-namespace",
        expression: `${IN_PREVIEW_NAMESPACE} || request.namespace == ${celString(p.operatorNamespace)}`,
      },
    ],
    variables: [
      ...identityVariables(w),
      {
        name: "specUnchanged",
        expression:
          "request.operation == 'UPDATE' && (has(object.spec) ? has(oldObject.spec) && object.spec == oldObject.spec : !has(oldObject.spec))",
      },
    ],
    validations: [
      {
        id: "subresource-writer",
        summary: `a subresource (status) of an Atlas resource is written only by the operator's service account ${w.operator}`,
        expression: "request.subResource == '' || variables.isOperator",
        message: `Only the operator's service account ${w.operator} writes the status of Atlas resources: the operator trusts it.`,
        messageExpression:
          `${WHO} + ' may not ' + request.operation + ' the ' + request.subResource + ' subresource of ' + ${KIND_NAME}` +
          ` + ': only the operator\\'s service account ${w.operator} writes it (the operator trusts status: a forged status.name makes it delete that user from Atlas)'` +
          rule("subresource-writer"),
      },
      {
        id: "writer",
        summary: `in ${where}: the deployers (${describeDeployers(w)}) create, update and delete; the operator only updates leaving spec unchanged; ${LIFECYCLE_CONTROLLERS.join(" and ")} only delete`,
        expression:
          "request.subResource != '' || variables.isDeployer || (variables.isOperator && variables.specUnchanged) || (request.operation == 'DELETE' && variables.isLifecycleController)",
        message: `In ${where} only the deployers write Atlas resources.`,
        messageExpression:
          `${WHO} + ' may not ' + request.operation + ' ' + ${KIND_NAME}` +
          ` + ': in ${where} only the deployers (${describeDeployers(w)}) write Atlas resources; the operator only updates that leave spec unchanged, Kubernetes\\' namespace controller and garbage collector only delete'` +
          rule("writer"),
      },
    ],
  });
};
