/**
 * The rules of the preview user policy that judge what changes the operator's behaviour rather than the user's
 * access (read from the operator's source, mongodb/mongodb-atlas-kubernetes v2.15.1; the README lists every annotation
 * and field it acts on with the decision for each), and the preview's lifecycle. Every writer but the operator:
 * - `mongodb.com/atlas-reconciliation-policy` (`skip` stops reconciliation: deletion then never reaches Atlas);
 * - `mongodb.com/external-*` (the generated kinds import an existing Atlas user, whose deletion then deletes it);
 * - any other change of an annotation or label under `mongodb.com/` or `*.mongodb.com/` than the resource policy
 *   (e.g. `mongodb.com/last-applied-configuration`, the operator's record of ownership; the label
 *   `mongodb.com/atlas-resource-version`, which halts reconciliation, deletion included);
 * - the finalizers (the operator's `mongodbatlas/finalizer`: removing it deletes the resource without the Atlas user);
 * every writer: `spec.deleteAfterDate` (an expired user is un-managed: finalizer removed, Atlas user kept for good),
 * `spec.connectionSecret` (a credential of the namespace's choosing), and a CREATE only in a namespace the program
 * labelled as the open preview of the namespace's own pull request.
 */
import {
  ATLAS_DOMAIN,
  EXTERNAL_ANNOTATION_PREFIX,
  OPERATOR_FINALIZER,
  PREVIEW_LABEL,
  PREVIEW_STATE_LABEL,
  PULL_REQUEST_LABEL,
  RECONCILIATION_POLICY_ANNOTATION,
  RESOURCE_POLICY_ANNOTATION,
} from "../../../domain/kubernetes";
import { KIND_NAME, WHO, celString } from "./skeleton";
import type { NamedExpression, PolicyRule, Validation } from "./skeleton";

type Rule = PolicyRule & Validation;

/** CEL: true when metadata key `k` belongs to the operator (`mongodb.com/…` or `<sub>.mongodb.com/…`). */
const isControl = (k: string) =>
  `(${k}.contains('/') && (${k}.split('/')[0] == ${celString(ATLAS_DOMAIN)} || ${k}.split('/')[0].endsWith(${celString(`.${ATLAS_DOMAIN}`)})))`;
const RP = celString(RESOURCE_POLICY_ANNOTATION);

/** The metadata and namespace variables the rules read. */
export const CONTROL_VARIABLES: NamedExpression[] = [
  { name: "labels", expression: "has(object.metadata.labels) ? object.metadata.labels : {}" },
  {
    name: "oldAnnotations",
    expression: "oldObject != null && has(oldObject.metadata.annotations) ? oldObject.metadata.annotations : {}",
  },
  {
    name: "oldLabels",
    expression: "oldObject != null && has(oldObject.metadata.labels) ? oldObject.metadata.labels : {}",
  },
  { name: "finalizers", expression: "has(object.metadata.finalizers) ? object.metadata.finalizers : []" },
  {
    name: "oldFinalizers",
    expression: "oldObject != null && has(oldObject.metadata.finalizers) ? oldObject.metadata.finalizers : []",
  },
  {
    name: "namespaceLabels",
    expression:
      "namespaceObject != null && has(namespaceObject.metadata.labels) ? namespaceObject.metadata.labels : {}",
  },
];

/** CEL listing the operator's keys of `now` that differ from `before` (added, changed or removed), except `skip`. */
function changedKeys(now: string, before: string, what: string, skip?: string): string {
  const keep = (k: string) => (skip ? `${isControl(k)} && ${k} != ${skip}` : isControl(k));
  return (
    `${now}.filter(k, ${keep("k")} && !(k in ${before} && ${before}[k] == ${now}[k])).map(k, '${what} ' + k)` +
    ` + ${before}.filter(k, ${keep("k")} && !(k in ${now})).map(k, '${what} ' + k + ' (removed)')`
  );
}
const CHANGED = `${changedKeys("variables.annotations", "variables.oldAnnotations", "annotation", RP)} + ${changedKeys("variables.labels", "variables.oldLabels", "label")}`;

/** The control-surface and lifecycle rules, in order (appended to the preview user policy's rules). */
export function controlSurfaceRules(spec: string): Rule[] {
  const label = (l: string) => celString(l);
  const nsLabel = (l: string) =>
    `(${label(l)} in variables.namespaceLabels ? variables.namespaceLabels[${label(l)}] : '(absent)')`;
  return [
    {
      id: "delete-after-date",
      summary: "no spec.deleteAfterDate (an expired user is un-managed and kept in Atlas for good)",
      expression: `!has(${spec}.deleteAfterDate)`,
      message:
        "A preview user must not set spec.deleteAfterDate: once expired the operator stops managing it and the Atlas user stays.",
      messageExpression: `${KIND_NAME} + ': spec.deleteAfterDate ' + ${spec}.deleteAfterDate + ' is not allowed: once expired the operator un-manages the user (finalizer removed) and the Atlas user stays for good'`,
    },
    {
      id: "connection-secret",
      summary: "no spec.connectionSecret (the operator's credential is reached through the project reference only)",
      expression: `!has(${spec}.connectionSecret)`,
      message:
        "A preview user must not name a connectionSecret: the operator would use a credential of the namespace's choosing.",
      messageExpression: `${KIND_NAME} + ': spec.connectionSecret ' + ${spec}.connectionSecret.name + ' is not allowed: the operator would act with a credential of the namespace\\'s choosing'`,
    },
    {
      id: "reconciliation-policy",
      summary: `no ${RECONCILIATION_POLICY_ANNOTATION} annotation (skip stops reconciliation, deletion included), but from the operator`,
      expression: `variables.isOperator || !(${celString(RECONCILIATION_POLICY_ANNOTATION)} in variables.annotations)`,
      message: `Only the operator may carry ${RECONCILIATION_POLICY_ANNOTATION} on a preview user.`,
      messageExpression: `${WHO} + ': ' + ${KIND_NAME} + ' may not carry ${RECONCILIATION_POLICY_ANNOTATION}=' + variables.annotations[${celString(RECONCILIATION_POLICY_ANNOTATION)}] + ': skip stops the operator reconciling it, so deleting it never deletes the Atlas user'`,
    },
    {
      id: "external-import",
      summary: `no ${EXTERNAL_ANNOTATION_PREFIX}* annotation (imports an existing Atlas user, whose deletion then deletes it), but from the operator`,
      expression: `variables.isOperator || !variables.annotations.exists(k, k.startsWith(${celString(EXTERNAL_ANNOTATION_PREFIX)}))`,
      message: `Only the operator may carry ${EXTERNAL_ANNOTATION_PREFIX}* annotations on a preview user.`,
      messageExpression: `${WHO} + ': ' + ${KIND_NAME} + ' may not carry ' + variables.annotations.filter(k, k.startsWith(${celString(EXTERNAL_ANNOTATION_PREFIX)})).join(', ') + ': it imports an existing Atlas user, which deleting the resource then deletes'`,
    },
    {
      id: "control-metadata",
      summary: `no other change of an annotation or label under ${ATLAS_DOMAIN}/ than ${RESOURCE_POLICY_ANNOTATION}, but from the operator`,
      expression: `variables.isOperator || size(${CHANGED}) == 0`,
      message: `Only the operator changes annotations and labels under ${ATLAS_DOMAIN}/ (besides ${RESOURCE_POLICY_ANNOTATION}).`,
      messageExpression: `${WHO} + ': ' + ${KIND_NAME} + ': ' + (${CHANGED}).join(', ') + ' may only be changed by the operator (the operator acts on every key under ${ATLAS_DOMAIN}/)'`,
    },
    {
      id: "finalizers",
      summary: `the finalizers (the operator's ${OPERATOR_FINALIZER}) are changed only by the operator`,
      expression: "variables.isOperator || variables.finalizers == variables.oldFinalizers",
      message: "Only the operator changes a preview user's finalizers.",
      messageExpression: `${WHO} + ': ' + ${KIND_NAME} + ': finalizers [' + variables.oldFinalizers.join(', ') + '] -> [' + variables.finalizers.join(', ') + ']: only the operator changes them (without ${OPERATOR_FINALIZER} the resource goes and the Atlas user stays)'`,
    },
    {
      id: "lifecycle",
      summary: `created only in a namespace labelled ${PREVIEW_LABEL}=true, ${PREVIEW_STATE_LABEL}=open and ${PULL_REQUEST_LABEL}=<N> of its own pr-<N>`,
      expression:
        `request.operation != 'CREATE' || (${label(PREVIEW_LABEL)} in variables.namespaceLabels && variables.namespaceLabels[${label(PREVIEW_LABEL)}] == 'true'` +
        ` && ${label(PREVIEW_STATE_LABEL)} in variables.namespaceLabels && variables.namespaceLabels[${label(PREVIEW_STATE_LABEL)}] == 'open'` +
        ` && ${label(PULL_REQUEST_LABEL)} in variables.namespaceLabels && variables.namespaceLabels[${label(PULL_REQUEST_LABEL)}] == variables.pullRequest)`,
      message:
        "A preview user is created only in a namespace the program declared as an open preview of that pull request.",
      messageExpression:
        `${KIND_NAME} + ': namespace ' + request.namespace + ' is not the open preview of pull request ' + variables.pullRequest + ' (labels ${PREVIEW_LABEL}=' + ${nsLabel(PREVIEW_LABEL)}` +
        ` + ', ${PREVIEW_STATE_LABEL}=' + ${nsLabel(PREVIEW_STATE_LABEL)} + ', ${PULL_REQUEST_LABEL}=' + ${nsLabel(PULL_REQUEST_LABEL)} + '): users are created only while the program declares the preview open'`,
    },
  ];
}
