/**
 * `npm run check`: the type check and the lint in one process, on one TypeScript program. Type-aware lint rules
 * (floating promises, Pulumi outputs in template literals) need the same type information `tsc` computes; building
 * it once instead of twice halves the cost of both. Prints tsc's and ESLint's usual output; exits 1 on any problem.
 */
import * as path from "path";
import ts from "typescript";
import { ESLint } from "eslint";
import { proveArchitectureRules } from "../offline/architecture";

const ROOT = path.resolve(__dirname, "..");

function typeCheck(): { program: ts.Program; errors: number } {
  const configPath = path.join(ROOT, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  // Not incremental on purpose: an incremental build reuses the last run's diagnostics without computing types,
  // and the type-aware lint rules would then compute them all again.
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length > 0) {
    process.stdout.write(
      ts.formatDiagnosticsWithColorAndContext(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => ROOT,
        getNewLine: () => "\n",
      }),
    );
  }
  return { program, errors: diagnostics.length };
}

async function lint(program: ts.Program): Promise<number> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      files: ["**/*.ts"],
      languageOptions: { parserOptions: { projectService: false, programs: [program] } },
    },
  });
  const results = await eslint.lintFiles(["."]);
  const formatter = await eslint.loadFormatter("stylish");
  const text = await formatter.format(results);
  if (text) process.stdout.write(text);
  return results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const { program, errors } = typeCheck();
  const t1 = Date.now();
  const problems = await lint(program);
  const t2 = Date.now();
  // The lint rules that enforce the architecture must really fire: probe them (see offline/architecture.ts).
  const architecture = await proveArchitectureRules(ROOT);
  for (const mismatch of architecture) process.stdout.write(`architecture probe ${mismatch}\n`);
  process.stdout.write(
    `check: ${errors} type error(s) in ${((t1 - t0) / 1000).toFixed(1)} s, ${problems} lint problem(s) in ` +
      `${((t2 - t1) / 1000).toFixed(1)} s, ${architecture.length} architecture probe(s) off\n`,
  );
  return errors + problems + architecture.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`check: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
