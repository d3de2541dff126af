/** `npm run schema`: writes the JSON Schema of `Pulumi.<stack>.yaml` (see offline/stackSchema.ts). */
import * as fs from "fs";
import * as path from "path";
import { renderStackSchema } from "../offline/stackSchema";
import { PROJECT_ROOT, STACK_SCHEMA_FILE } from "../offline/stackFiles";

const file = path.join(PROJECT_ROOT, STACK_SCHEMA_FILE);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderStackSchema());
process.stdout.write(`wrote ${STACK_SCHEMA_FILE}\n`);
