import { main } from "../ops/verify/cli";

main(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`verify-live: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
