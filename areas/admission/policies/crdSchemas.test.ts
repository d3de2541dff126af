import { CORPUS_PARAMS, loadCorpus } from "../../../offline/admission/corpus";
import { CrdValidator, VENDORED_CRDS } from "../../../offline/simulators/crd";
import { buildAdmissionPolicies } from "./index";

const policies = buildAdmissionPolicies(CORPUS_PARAMS);

describe("real CRD schemas (vendor/crds)", () => {
  const kyverno = new CrdValidator(VENDORED_CRDS.kyverno);
  test.each(policies.map((p) => [p.name, p] as const))(
    "%s validates against the Kyverno 1.19.0 ValidatingPolicy CRD",
    (_n, p) => {
      expect(kyverno.validate(p.manifest as unknown as Record<string, unknown>)).toEqual([]);
    },
  );

  const atlas = new CrdValidator(VENDORED_CRDS.atlasOperator);
  const corpus = loadCorpus().flatMap((c) => [
    ...(c.object ? [[`${c.id} object`, c.object] as const] : []),
    ...(c.oldObject ? [[`${c.id} oldObject`, c.oldObject] as const] : []),
  ]);
  const kindOf = (o: Record<string, unknown>) => `${String(o.apiVersion)}/${String(o.kind)}`;
  const served = (o: Record<string, unknown>) => atlas.kinds().includes(kindOf(o));
  const atlasObjects = corpus.filter(([, o]) => String(o.apiVersion).includes("mongodb.com/") && served(o));

  test("every Atlas CRD kind appears in the corpus; the corpus's other mongodb.com kinds are groups and versions 2.15.1 does not serve", () => {
    const kinds = new Set(atlasObjects.map(([, o]) => kindOf(o)));
    expect(atlas.kinds().filter((k) => !kinds.has(k))).toEqual([]);
    const unserved = corpus.filter(([, o]) => String(o.apiVersion).includes("mongodb.com/") && !served(o));
    expect([...new Set(unserved.map(([, o]) => kindOf(o)))].sort()).toEqual([
      "atlas.generated.experimental.mongodb.com/v1/Cluster",
      "atlas.mongodb.com/v2/AtlasDatabaseUser",
      "mongodb.com/v1/Widget",
      "notmongodb.com/v1/Widget",
      "streams.mongodb.com/v1alpha1/StreamWorkspace",
    ]);
  });

  test.each(atlasObjects)("%s validates against the Atlas operator 2.15.1 CRD", (_id, object) => {
    expect(atlas.validate(object as Record<string, unknown>)).toEqual([]);
  });

  test("the CRD validator refuses what the API server would (unknown field, CRD CEL rule, enum)", () => {
    const user = loadCorpus().find((c) => c.id === "benign/preview-user-pr-123")?.object as Record<string, unknown>;
    const spec = user.spec as Record<string, unknown>;
    expect(atlas.validate({ ...user, spec: { ...spec, rolez: [] } })).toEqual([
      "/spec: must NOT have additional properties (rolez)",
    ]);
    expect(
      atlas.validate({ ...user, spec: { ...spec, externalProjectRef: { id: "64b7f3a1c2d4e5f6a7b8c9d0" } } }),
    ).toEqual([
      ".spec: must define only one project reference through externalProjectRef or projectRef",
      ".spec: must define a local connection secret when referencing an external project",
    ]);
    expect(atlas.validate({ ...user, spec: { ...spec, scopes: [{ type: "PROJECT", name: "x" }] } })).toEqual([
      "/spec/scopes/0/type: must be equal to one of the allowed values",
    ]);
  });
});
