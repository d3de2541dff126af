import { mutate, view, type RuleCases } from "../../cases";

const SA = "serviceAccount:orders@acme-staging.iam.gserviceaccount.com";
const projectMember = view(
  "gcp:projects/iAMMember:IAMMember",
  { project: "acme-staging", role: "roles/logging.logWriter", member: SA },
  "pm",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "secretAccessor on the project, secretmanager.admin on a folder",
      resources: [
        mutate(projectMember, { role: "roles/secretmanager.secretAccessor" }),
        view(
          "gcp:folder/iAMMember:IAMMember",
          { folder: "folders/1", role: "roles/secretmanager.admin", member: SA },
          "fm",
        ),
      ],
      findings: [
        'gcp:projects/iAMMember:IAMMember pm: grants "roles/secretmanager.secretAccessor" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member) outside a per-secret binding',
        'gcp:folder/iAMMember:IAMMember fm: grants "roles/secretmanager.admin" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member) outside a per-secret binding',
      ],
    },
  ],
  compliant: [
    {
      name: "secretAccessor through SecretIamMember, and a non-secret role on the project",
      resources: [
        view(
          "gcp:secretmanager/secretIamMember:SecretIamMember",
          { secretId: "orders-atlas", role: "roles/secretmanager.secretAccessor", member: SA },
          "sm",
        ),
        projectMember,
      ],
    },
  ],
};
