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
      name: "roles/editor on a project, roles/owner in a binding, roles/viewer in a policyData",
      resources: [
        view("gcp:projects/iAMMember:IAMMember", { project: "acme-staging", role: "roles/editor", member: SA }, "pm"),
        view(
          "gcp:storage/bucketIAMBinding:BucketIAMBinding",
          { bucket: "b", role: "roles/owner", members: ["user:a@example.com", SA] },
          "bb",
        ),
        view(
          "gcp:serviceaccount/iAMPolicy:IAMPolicy",
          {
            serviceAccountId: "x",
            policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: [SA] }] }),
          },
          "pol",
        ),
      ],
      findings: [
        'gcp:projects/iAMMember:IAMMember pm: grants primitive role "roles/editor" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member)',
        'gcp:storage/bucketIAMBinding:BucketIAMBinding bb: grants primitive role "roles/owner" to "user:a@example.com" (members[0])',
        'gcp:storage/bucketIAMBinding:BucketIAMBinding bb: grants primitive role "roles/owner" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (members[1])',
        'gcp:serviceaccount/iAMPolicy:IAMPolicy pol: grants primitive role "roles/viewer" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (policyData.bindings[0].members[0])',
      ],
    },
    {
      name: "a secret member with roles/owner",
      resources: [mutate(secretMember, { role: "roles/owner" })],
      findings: [
        'gcp:secretmanager/secretIamMember:SecretIamMember sm: grants primitive role "roles/owner" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member)',
      ],
    },
    {
      name: "a policyData that is not JSON cannot be checked",
      resources: [view("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: "{" }, "pol")],
      findings: ["gcp:projects/iAMPolicy:IAMPolicy pol: policyData is not valid JSON, so it cannot be checked"],
    },
  ],
  compliant: [
    {
      name: "a predefined role per secret; non-IAM GCP resources are not looked at",
      resources: [secretMember, view("gcp:secretmanager/secret:Secret", { role: "roles/owner" })],
    },
  ],
};
