/** `npm run scaffold`: see `npm run scaffold -- --help` (offline/scaffold.ts). */
import { main } from "../offline/scaffold";

process.exitCode = main(process.argv.slice(2));
