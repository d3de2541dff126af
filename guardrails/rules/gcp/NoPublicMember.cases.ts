import { mutate, view, type RuleCases } from "../../cases";

const SA = "serviceAccount:orders@acme-staging.iam.gserviceaccount.com";
const secretMember = view(
  "gcp:secretmanager/secretIamMember:SecretIamMember",
  { secretId: "orders-atlas", role: "roles/secretmanager.secretAccessor", member: SA },
  "sm",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "allUsers on a secret, allAuthenticatedUsers in a binding",
      resources: [
        mutate(secretMember, { member: "allUsers" }),
        view(
          "gcp:secretmanager/secretIamBinding:SecretIamBinding",
          { secretId: "s", role: "roles/secretmanager.viewer", members: [SA, "allAuthenticatedUsers"] },
          "sb",
        ),
      ],
      findings: [
        'gcp:secretmanager/secretIamMember:SecretIamMember sm: grants "roles/secretmanager.secretAccessor" to public member "allUsers" (member)',
        'gcp:secretmanager/secretIamBinding:SecretIamBinding sb: grants "roles/secretmanager.viewer" to public member "allAuthenticatedUsers" (members[1])',
      ],
    },
  ],
  compliant: [
    {
      name: "a service account and a Workload Identity principal",
      resources: [
        secretMember,
        mutate(
          secretMember,
          {
            member:
              "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/acme.svc.id.goog/subject/ns/orders/sa/api",
          },
          "wi",
        ),
      ],
    },
  ],
};
