/** GCP identifiers: projects, Secret Manager secrets and the identities that may read one secret. */

/** A GCP project id. */
export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** A Secret Manager secret id. */
export const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
/** The one Secret Manager role the program grants, on one secret. */
export const SECRET_ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";

const SA = /^serviceAccount:[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;
const WI_POOL = "iam\\.googleapis\\.com/projects/\\d+/locations/global/workloadIdentityPools/[a-z0-9.-]+";
const WI_PRINCIPAL = new RegExp(`^principal://${WI_POOL}/subject/[^\\s*]+$`);
// One group, attribute value, Kubernetes namespace or cluster of the pool; never the whole pool (`/*`).
const WI_PRINCIPAL_SET = new RegExp(
  `^principalSet://${WI_POOL}/(group|attribute\\.[A-Za-z0-9_]+|namespace|kubernetes\\.[A-Za-z0-9_.]+)/[^\\s*]+$`,
);

/** True for a single GCP service account or a workload-identity principal (set) of one subject/group/namespace. */
export function isSecretAccessor(member: string): boolean {
  return SA.test(member) || WI_PRINCIPAL.test(member) || WI_PRINCIPAL_SET.test(member);
}
export const SECRET_ACCESSOR_HINT =
  "must be one workload identity: serviceAccount:<name>@<project>.iam.gserviceaccount.com, " +
  "principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/<subject> " +
  "or principalSet://… for one group, attribute, namespace or cluster; never allUsers, allAuthenticatedUsers, user:, group: or domain:";

/**
 * The Kubernetes namespace a workload-identity member names, if any: a GKE workload's principal
 * `principal://…/subject/ns/<namespace>/sa/<ksa>` or a namespace's principal set `principalSet://…/namespace/<namespace>`
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity#principal-identifiers).
 */
export function workloadNamespace(member: string): string | undefined {
  return (
    /^principal:\/\/.*\/subject\/ns\/([^/\s]+)\/sa\/[^/\s]+$/.exec(member)?.[1] ??
    /^principalSet:\/\/.*\/namespace\/([^/\s]+)$/.exec(member)?.[1]
  );
}
