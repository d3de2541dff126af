/** `npm run plan`: see `npm run plan -- --help` (offline/planCli.ts). */
import { main } from "../offline/planCli";

// exitCode, not exit(): the Pulumi runtime finishes registering the stack's outputs before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`plan: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
