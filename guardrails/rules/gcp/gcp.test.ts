import { findingsOf, view } from "../../testing";
import { GCP_001, GCP_002, GCP_003 } from ".";

const SA = "serviceAccount:orders@acme-staging.iam.gserviceaccount.com";
const projectMember = (role: string, member = SA, name = "pm") =>
  view("gcp:projects/iAMMember:IAMMember", { project: "acme-staging", role, member }, name);
const secretMember = (role: string, member = SA, name = "sm") =>
  view("gcp:secretmanager/secretIamMember:SecretIamMember", { secretId: "orders-atlas", role, member }, name);

describe("GCP-001: no primitive roles", () => {
  test("Noncompliance 1: roles/editor on a project, roles/owner in a binding, roles/viewer in a policyData", () => {
    const binding = view(
      "gcp:storage/bucketIAMBinding:BucketIAMBinding",
      { bucket: "b", role: "roles/owner", members: ["user:a@example.com", SA] },
      "bb",
    );
    const policy = view(
      "gcp:serviceaccount/iAMPolicy:IAMPolicy",
      { serviceAccountId: "x", policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: [SA] }] }) },
      "pol",
    );
    expect(findingsOf(GCP_001, projectMember("roles/editor"), binding, policy)).toEqual([
      `gcp:projects/iAMMember:IAMMember pm: grants primitive role "roles/editor" to "${SA}" (member)`,
      'gcp:storage/bucketIAMBinding:BucketIAMBinding bb: grants primitive role "roles/owner" to "user:a@example.com" (members[0])',
      `gcp:storage/bucketIAMBinding:BucketIAMBinding bb: grants primitive role "roles/owner" to "${SA}" (members[1])`,
      `gcp:serviceaccount/iAMPolicy:IAMPolicy pol: grants primitive role "roles/viewer" to "${SA}" (policyData.bindings[0].members[0])`,
    ]);
  });
  test("Noncompliance 2: a policyData that is not JSON cannot be checked", () => {
    expect(
      findingsOf(GCP_001, view("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: "{" }, "pol")),
    ).toEqual(["gcp:projects/iAMPolicy:IAMPolicy pol: policyData is not valid JSON, so it cannot be checked"]);
  });
  test("Compliance: a predefined role per secret; non-IAM GCP resources are not looked at", () => {
    expect(
      findingsOf(
        GCP_001,
        secretMember("roles/secretmanager.secretAccessor"),
        view("gcp:secretmanager/secret:Secret", { role: "roles/owner" }),
      ),
    ).toEqual([]);
  });
});

describe("GCP-002: Secret Manager access only per secret", () => {
  test("Noncompliance 1: secretAccessor on the project, secretmanager.admin on a folder", () => {
    const folder = view(
      "gcp:folder/iAMMember:IAMMember",
      { folder: "folders/1", role: "roles/secretmanager.admin", member: SA },
      "fm",
    );
    expect(findingsOf(GCP_002, projectMember("roles/secretmanager.secretAccessor"), folder)).toEqual([
      `gcp:projects/iAMMember:IAMMember pm: grants "roles/secretmanager.secretAccessor" to "${SA}" (member) outside a per-secret binding`,
      `gcp:folder/iAMMember:IAMMember fm: grants "roles/secretmanager.admin" to "${SA}" (member) outside a per-secret binding`,
    ]);
  });
  test("Compliance: secretAccessor through SecretIamMember, and a non-secret role on the project", () => {
    expect(
      findingsOf(GCP_002, secretMember("roles/secretmanager.secretAccessor"), projectMember("roles/logging.logWriter")),
    ).toEqual([]);
  });
});

describe("GCP-003: no allUsers / allAuthenticatedUsers", () => {
  test("Noncompliance 1: allUsers on a secret, allAuthenticatedUsers in a binding", () => {
    const binding = view(
      "gcp:secretmanager/secretIamBinding:SecretIamBinding",
      { secretId: "s", role: "roles/secretmanager.viewer", members: [SA, "allAuthenticatedUsers"] },
      "sb",
    );
    expect(findingsOf(GCP_003, secretMember("roles/secretmanager.secretAccessor", "allUsers"), binding)).toEqual([
      'gcp:secretmanager/secretIamMember:SecretIamMember sm: grants "roles/secretmanager.secretAccessor" to public member "allUsers" (member)',
      'gcp:secretmanager/secretIamBinding:SecretIamBinding sb: grants "roles/secretmanager.viewer" to public member "allAuthenticatedUsers" (members[1])',
    ]);
  });
  test("Compliance: a service account and a Workload Identity principal", () => {
    const wi =
      "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/acme.svc.id.goog/subject/ns/orders/sa/api";
    expect(
      findingsOf(
        GCP_003,
        secretMember("roles/secretmanager.secretAccessor"),
        secretMember("roles/secretmanager.secretAccessor", wi, "wi"),
      ),
    ).toEqual([]);
  });
});
