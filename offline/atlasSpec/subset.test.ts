/**
 * The vendored subset is exactly what `npm run atlas-spec:subset` writes for its selection: extracting it again from
 * itself changes no byte (every reference resolves, nothing extra, keys sorted), and the selection names what it keeps.
 */
import * as fs from "fs";
import * as path from "path";
import { extractSubset, renderSubset, type SubsetSelection } from "./subset";

const VENDOR = path.join(__dirname, "..", "..", "vendor", "atlas-admin-api");
const text = fs.readFileSync(path.join(VENDOR, "v2-subset.json"), "utf8");
const subset = JSON.parse(text) as Parameters<typeof extractSubset>[0];
const selection = JSON.parse(fs.readFileSync(path.join(VENDOR, "selection.json"), "utf8")) as SubsetSelection;

describe("the vendored Admin API subset", () => {
  test("is closed and canonical: extracting its own selection from it reproduces it byte for byte", () => {
    expect(renderSubset(extractSubset(subset, selection))).toBe(text);
  });

  test("keeps the read operations and the request schemas the spec check validates against", () => {
    expect(selection.operations.length).toBe(11);
    expect(selection.schemas).toEqual([
      "AuditLog",
      "CloudDatabaseUser",
      "GroupAlertsConfig",
      "GroupServiceAccountRoleAssignment",
      "NetworkPermissionEntry",
      "OrgServiceAccountRequest",
      "ServiceAccountIPAccessListEntry",
      "ServiceAccountSecretRequest",
      "StreamsConnection",
      "StreamsTenant",
      "UserCustomDBRole",
    ]);
  });

  test("refuses a selection naming what the spec does not have, and a dangling $ref", () => {
    expect(() => extractSubset(subset, { operations: [["post", "/nowhere"]], schemas: [] })).toThrow(
      "extractSubset: no operation POST /nowhere in the spec",
    );
    expect(() => extractSubset(subset, { operations: [], schemas: ["NoSuchSchema"] })).toThrow(
      "extractSubset: #/components/schemas/NoSuchSchema does not resolve in the spec",
    );
  });
});
