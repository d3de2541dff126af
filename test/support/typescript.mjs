// Loaded by jest-light-runner in each worker before any test file (`setupFiles` in jest.config.js). The project is
// CommonJS TypeScript: @swc-node/register compiles `.ts` for `require`, and the hook below sends the runner's
// `import()` of a test file to that same CommonJS loader, so a test file and everything it requires share one module
// cache per worker (the Pulumi SDK is loaded once per worker, not once per file).
import { createRequire, register } from "node:module";

createRequire(import.meta.url)("@swc-node/register");
register("./typescript-hooks.mjs", import.meta.url);
