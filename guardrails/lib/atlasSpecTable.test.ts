/** The table from provider inputs to Admin API request bodies, and the Java-to-JavaScript pattern translation. */
import { javaPattern } from "./atlasSpec/javaPattern";
import { mapFields, REQUEST_BODIES, type Fields } from "./atlasSpec/requestBodies";
import { accepted } from "./atlasSpec/validate";
import { specSchemas } from "./atlasSpec/schema";
import { implicitDiscriminator } from "./atlasSpec/variants";

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

  test("an alert configuration's notifications get the delayMin the provider always sends; URL inputs stay out", () => {
    const alert = REQUEST_BODIES["mongodbatlas:index/alertConfiguration:AlertConfiguration"];
    expect(
      mapFields(
        {
          projectId: "p",
          eventType: "JOINED_GROUP",
          enabled: true,
          notifications: [{ typeName: "EMAIL", emailAddress: "a@example.com" }],
          thresholdConfig: { operator: "GREATER_THAN", threshold: 1, units: "RAW" },
        },
        alert?.fields ?? {},
      ),
    ).toEqual({
      eventTypeName: "JOINED_GROUP",
      enabled: true,
      notifications: [{ typeName: "EMAIL", emailAddress: "a@example.com", delayMin: 0 }],
      threshold: { operator: "GREATER_THAN", threshold: 1, units: "RAW" },
    });
    const access = REQUEST_BODIES["mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry"];
    expect(mapFields({ orgId: "o", clientId: "c", cidrBlock: "192.0.2.0/24" }, access?.fields ?? {})).toEqual({
      cidrBlock: "192.0.2.0/24",
    });
  });

  test("every field the table sends, nested ones included, exists in its schema (a renamed API field fails here)", () => {
    const schemas = specSchemas();
    type Node = { properties?: Record<string, Node>; allOf?: Node[]; oneOf?: Node[]; $ref?: string; items?: Node };
    type Discriminated = Node & { discriminator?: { mapping?: Record<string, string> } };
    const deref = (n: Node | undefined): Node | undefined =>
      n?.$ref ? (schemas[n.$ref.split("/").pop() ?? ""] as Node | undefined) : n;
    // Every property a body of `node` may carry: its own, its allOf parts', its oneOf and discriminator variants'.
    const props = (node: Node | undefined, seen = new Set<Node>()): Record<string, Node> => {
      const n = deref(node) as Discriminated | undefined;
      if (!n || seen.has(n)) return {};
      seen.add(n);
      const mapped = Object.values(n.discriminator?.mapping ?? {}).map(($ref) => ({ $ref }));
      return Object.assign(
        {},
        ...[...(n.allOf ?? []), ...(n.oneOf ?? []), ...mapped].map((p) => props(p, seen)),
        n.properties ?? {},
      ) as Record<string, Node>;
    };
    const missing = (node: Node | undefined, fields: Fields, at: string): string[] => {
      const known = props(node);
      return Object.entries(fields).flatMap(([input, spec]) => {
        const field = typeof spec === "string" ? { to: spec } : spec;
        const prop = known[field.to];
        if (!prop) return [`${at}${field.to} (from ${input})`];
        return field.fields ? missing(deref(prop)?.items ?? prop, field.fields, `${at}${field.to}.`) : [];
      });
    };
    for (const [type, body] of Object.entries(REQUEST_BODIES))
      expect([type, missing({ $ref: `#/components/schemas/${body.schema}` }, body.fields, "")]).toEqual([type, []]);
  });

  test("maps exactly the Atlas resource types the program registers (any other is a finding of ATLAS-007)", () => {
    expect(Object.keys(REQUEST_BODIES).sort()).toEqual([
      "mongodbatlas:index/alertConfiguration:AlertConfiguration",
      "mongodbatlas:index/auditing:Auditing",
      "mongodbatlas:index/customDbRole:CustomDbRole",
      "mongodbatlas:index/databaseUser:DatabaseUser",
      "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
      "mongodbatlas:index/serviceAccount:ServiceAccount",
      "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
      "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
      "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret",
      "mongodbatlas:index/streamConnection:StreamConnection",
      "mongodbatlas:index/streamWorkspace:StreamWorkspace",
    ]);
  });
});

describe("a oneOf without discriminator", () => {
  test("selects its variant by the property every variant requires and enumerates, and only then", () => {
    const schemas = specSchemas();
    const of = (name: string) => implicitDiscriminator(schemas[name] ?? {}, schemas);
    const alerts = of("GroupAlertsConfig");
    expect([alerts?.property, alerts?.variants.length]).toEqual(["eventTypeName", 16]);
    expect(alerts?.variants.find((v) => v.name === "HostMetricAlertConfigViewForNdsGroup")?.values).toEqual([
      "OUTSIDE_METRIC_THRESHOLD",
    ]);
    const all = alerts?.variants.flatMap((v) => v.values) ?? [];
    expect([all.includes("NETWORK_PERMISSION_ENTRY_ADDED"), all.includes("MONGODB_USER_ADDED")]).toEqual([true, false]);
    const notifications = of("AlertsNotificationRootForGroup");
    expect([notifications?.property, notifications?.variants.map((v) => v.values).flat().length]).toEqual([
      "typeName",
      14,
    ]);
    expect(of("BaseStreamsRegion")).toBeUndefined(); // a oneOf of enums, not of views
    expect(of("StreamsConnection")).toBeUndefined(); // has a discriminator
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
