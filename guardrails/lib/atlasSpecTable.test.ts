/** The table from provider inputs to Admin API request bodies, and the Java-to-JavaScript pattern translation. */
import { javaPattern } from "./atlasSpec/javaPattern";
import { mapFields, NOT_YET_MAPPED, REQUEST_BODIES } from "./atlasSpec/requestBodies";
import { accepted } from "./atlasSpec/validate";
import { specSchemas } from "./atlasSpec/schema";

describe("request bodies", () => {
  test("renames, nests and fills the provider's defaults, dropping inputs that travel in the URL", () => {
    const role = REQUEST_BODIES["mongodbatlas:index/customDbRole:CustomDbRole"];
    expect(
      mapFields(
        {
          projectId: "p",
          roleName: "r",
          actions: [{ action: "FIND", resources: [{ databaseName: "d" }, { cluster: true }] }],
          inheritedRoles: [{ roleName: "read", databaseName: "d" }],
        },
        role?.fields ?? {},
      ),
    ).toEqual({
      roleName: "r",
      actions: [
        {
          action: "FIND",
          resources: [
            { cluster: false, db: "d", collection: "" },
            { cluster: true, db: "", collection: "" },
          ],
        },
      ],
      inheritedRoles: [{ role: "read", db: "d" }],
    });
    const user = REQUEST_BODIES["mongodbatlas:index/databaseUser:DatabaseUser"];
    expect(
      mapFields(
        { projectId: "p", username: "u", authDatabaseName: "$external", awsIamType: "ROLE" },
        user?.fields ?? {},
      ),
    ).toEqual({ groupId: "p", username: "u", databaseName: "$external", awsIAMType: "ROLE" });
  });

  test("every field the table sends exists in its schema (a renamed API field fails here first)", () => {
    const schemas = specSchemas();
    const props = (name: string): string[] => {
      const s = schemas[name] as { properties?: object; allOf?: { properties?: object; $ref?: string }[] };
      return [...Object.keys(s.properties ?? {}), ...(s.allOf ?? []).flatMap((p) => Object.keys(p.properties ?? {}))];
    };
    const variants = [
      "StreamsClusterConnection",
      "StreamsKafkaConnection",
      "StreamsHttpsConnection",
      "StreamsS3Connection",
    ];
    for (const [type, body] of Object.entries(REQUEST_BODIES)) {
      const known =
        body.schema === "StreamsConnection" ? [...props(body.schema), ...variants.flatMap(props)] : props(body.schema);
      const top = Object.values(body.fields).map((f) => (typeof f === "string" ? f : f.to));
      expect([type, top.filter((f) => !known.includes(f))]).toEqual([type, []]);
    }
  });

  test("the types not yet mapped are exactly these five, each with its reason", () => {
    expect(Object.keys(NOT_YET_MAPPED)).toEqual([
      "mongodbatlas:index/alertConfiguration:AlertConfiguration",
      "mongodbatlas:index/serviceAccount:ServiceAccount",
      "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
      "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
      "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret",
    ]);
  });
});

describe("Java patterns", () => {
  test("identity escapes JavaScript's unicode mode refuses are unescaped; classes and real escapes stay", () => {
    expect(javaPattern("^([0-9a-f]{1,4}\\:){7}(sg\\-[a-f0-9]{8})?$")).toBe("^([0-9a-f]{1,4}:){7}(sg-[a-f0-9]{8})?$");
    expect(javaPattern("^[\\p{L}\\p{N}\\-_.]*\\d\\.$")).toBe("^[\\p{L}\\p{N}\\-_.]*\\d\\.$");
  });

  test("every pattern of the vendored subset compiles as a unicode JavaScript regular expression once translated", () => {
    const patterns: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "pattern" && typeof x === "string") patterns.push(x);
          else walk(x);
        }
    };
    walk(specSchemas());
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.filter((p) => !compiles(javaPattern(p)))).toEqual([]);
  });
});

const compiles = (p: string): boolean => {
  try {
    new RegExp(p, "u");
    return true;
  } catch {
    return false;
  }
};

describe("accepted values", () => {
  test("lists a short enum, summarises a long one with the closest values", () => {
    expect(accepted(["A", "B"], "C")).toBe("A, B");
    const long = Array.from({ length: 20 }, (_, i) => `VALUE_${i}`).concat("CREATE_STREAM_PROCESSOR");
    expect(accepted(long, "createStreamProcessor")).toBe("one of 21 values, closest: CREATE_STREAM_PROCESSOR");
    expect(accepted(long, "zzz")).toBe("one of 21 values");
  });
});
