/**
 * The two halves of the preview design must agree: every AtlasDatabaseUser the operator component emits is admitted
 * by the ValidatingPolicies the admission component emits, both taken from the same run of the real program — and
 * the same user with one broad change is refused, so this check can fail.
 */
import { admit, type PolicyDocument } from "../offline/simulators/kyverno";
import { runStack } from "../offline/harness";
import { type Registration } from "../offline/registrations";

const USER = "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser";
const POLICY = "kubernetes:policies.kyverno.io/v1:ValidatingPolicy";

/** A registered custom resource as the API server would receive it. */
const manifest = (r: Registration) =>
  structuredClone(r.inputs) as Record<string, unknown> & { spec: Record<string, unknown> };

let users: Registration[] = [];
let policies: PolicyDocument[] = [];
beforeAll(async () => {
  const run = await runStack({
    stack: "staging",
    mutateConfig: (c) => (c.previewList = { open: [7, 123, 456], closing: [] }),
  });
  users = run.registrations.filter((r) => r.type === USER);
  policies = run.registrations.filter((r) => r.type === POLICY).map((r) => manifest(r) as unknown as PolicyDocument);
});

describe("preview users and admission policies from one run of the staging stack", () => {
  it("has a user per open preview and the four policies", () => {
    expect(users.map((u) => (u.inputs.metadata as { namespace: string }).namespace)).toEqual([
      "pr-7",
      "pr-123",
      "pr-456",
    ]);
    expect(policies.map((p) => p.metadata.name).sort()).toEqual([
      "atlas-preview-database-users",
      "atlas-preview-generated-database-users",
      "atlas-preview-other-kinds",
      "atlas-users-outside-previews",
    ]);
  });

  it("admits every preview user the operator component emits, on CREATE and on an UPDATE by the operator", () => {
    for (const user of users) {
      const object = manifest(user);
      expect([user.name, admit(policies, { operation: "CREATE", object }).allowed]).toEqual([user.name, true]);
      const updated = manifest(user);
      (updated.metadata as { finalizers?: string[] }).finalizers = ["mongodbatlas/finalizer"];
      expect([user.name, admit(policies, { operation: "UPDATE", object: updated, oldObject: object }).allowed]).toEqual(
        [user.name, true],
      );
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
      expect(admit(policies, { operation: "CREATE", object }).allowed).toBe(false);
    }
  });
});
