import * as fs from "fs";
import { TYPES_FILE, generateAtlasApiTypes } from "../ops/verify/generate";

generateAtlasApiTypes().then(
  (text) => {
    fs.writeFileSync(TYPES_FILE, text);
    process.stdout.write(`wrote ${TYPES_FILE}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`atlas-api:generate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
