/** `npm run previews -- <reconcile|preview|stuck> …`: see `ops/previews/cli.ts`. */
import { main } from "../ops/previews/cli";
import { PROJECT_ROOT } from "../offline/stackFiles";

main(process.argv.slice(2), {
  root: PROJECT_ROOT,
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`previews: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
