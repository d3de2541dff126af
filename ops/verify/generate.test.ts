import * as fs from "fs";
import { TYPES_FILE, generateAtlasApiTypes } from "./generate";

describe("Atlas Admin API types", () => {
  it("are what openapi-typescript generates from the vendored specification subset (run npm run atlas-api:generate)", async () => {
    expect(fs.readFileSync(TYPES_FILE, "utf8") === (await generateAtlasApiTypes())).toBe(true);
  });
});
