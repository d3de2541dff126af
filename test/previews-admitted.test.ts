/**
 * The two halves of the preview design must agree: every AtlasDatabaseUser the operator component emits is admitted
 * by the ValidatingPolicies the admission component emits, both taken from the same run of the real program — and
 * the same user with one broad change is refused, so this check can fail.
 */
import { admit, type AdmissionRequest, type PolicyDocument } from "../offline/simulators/kyverno";
import { CORPUS_PARAMS, DEFAULT_USER } from "../offline/admission/corpus";
import { runStack } from "../offline/harness";
import { type Registration } from "../offline/registrations";

const USER = "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser";
const POLICY = "kubernetes:policies.kyverno.io/v1:ValidatingPolicy";

/** A registered custom resource as the API server would receive it. */
const manifest = (r: Registration) =>
  structuredClone(r.inputs) as Record<string, unknown> & { spec: Record<string, unknown> };

let users: Registration[] = [];
let policies: PolicyDocument[] = [];
let namespaces: Registration[] = [];
beforeAll(async () => {
  const run = await runStack({
    stack: "staging",
    mutateConfig: (c) => (c.previewList = { open: [7, 123, 456], closing: [8] }),
  });
  users = run.registrations.filter((r) => r.type === USER);
  policies = run.registrations.filter((r) => r.type === POLICY).map((r) => manifest(r) as unknown as PolicyDocument);
  namespaces = run.registrations.filter((r) => r.type === "kubernetes:core/v1:Namespace");
});

/** The request the deployer sends for `object`, in its namespace as the same run declares it. */
function request(object: Record<string, unknown>, more: Partial<AdmissionRequest> = {}): AdmissionRequest {
  const ns = (object.metadata as { namespace: string }).namespace;
  const declared = namespaces.find((n) => (n.inputs.metadata as { name: string }).name === ns);
  return {
    operation: "CREATE",
    object,
    userInfo: DEFAULT_USER,
    namespaceObject: declared ? manifest(declared) : null,
    ...more,
  };
}

describe("preview users and admission policies from one run of the staging stack", () => {
  it("has a user per open preview and the four policies", () => {
    expect(users.map((u) => (u.inputs.metadata as { namespace: string }).namespace)).toEqual([
      "pr-7",
      "pr-123",
      "pr-456",
    ]);
    expect(policies.map((p) => p.metadata.name).sort()).toEqual([
      "atlas-preview-database-users",
      "atlas-preview-other-kinds",
      "atlas-users-outside-previews",
      "atlas-writers",
    ]);
  });

  it("admits every preview user the operator component emits, on CREATE and on an UPDATE by the operator", () => {
    for (const user of users) {
      const object = manifest(user);
      expect([user.name, admit(policies, request(object)).allowed]).toEqual([user.name, true]);
      const updated = manifest(user);
      (updated.metadata as { finalizers?: string[] }).finalizers = ["mongodbatlas/finalizer"];
      const operator = { username: CORPUS_PARAMS.writers.operator, groups: ["system:serviceaccounts"] };
      const finalizer = request(updated, { operation: "UPDATE", oldObject: object, userInfo: operator });
      expect([user.name, admit(policies, finalizer).allowed]).toEqual([user.name, true]);
    }
  });

  it("refuses the same user with another pull request's database, a broad role or without the delete annotation", () => {
    type Manifest = ReturnType<typeof manifest>;
    const [first, second] = users.map(manifest) as [Manifest, Manifest];
    const otherDb = structuredClone(first);
    otherDb.spec.roles = second.spec.roles;
    const broad = structuredClone(first);
    broad.spec.roles = [{ roleName: "readWriteAnyDatabase", databaseName: "admin" }];
    const noAnnotation = structuredClone(first);
    (noAnnotation.metadata as { annotations: Record<string, string> }).annotations = {};
    for (const object of [otherDb, broad, noAnnotation]) {
      expect(admit(policies, request(object)).allowed).toBe(false);
    }
  });

  it("refuses the same user from another identity, and in the closing preview the same run declares", () => {
    const first = manifest(users[0] as Registration);
    const stranger = request(first, { userInfo: { username: "dev@example.com", groups: ["system:authenticated"] } });
    expect(admit(policies, stranger).allowed).toBe(false);
    const closing = structuredClone(first);
    (closing.metadata as { namespace: string }).namespace = "pr-8";
    closing.spec.roles = [{ roleName: "readWrite", databaseName: "syrf_pr_8" }];
    closing.spec.username = "syrf_pr_8_app";
    const decision = admit(policies, request(closing));
    expect([decision.allowed, decision.outcomes["atlas-preview-database-users"]?.result]).toEqual([false, "fail"]);
  });
});
