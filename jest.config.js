/** Tests are transpiled only (swc); `npm run typecheck` is the one type-checking step. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/out/"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // policy/ is also a standalone npm package (`pulumi preview --policy-pack policy` installs its own dependencies).
  // After `npm ci --prefix policy`, policy/*.ts would resolve `@pulumi/policy` from policy/node_modules while the
  // offline harness resolves the root copy: two `Secret` classes, and `instanceof Secret` fails for the harness's
  // secrets. Tests load the root copy only; test/guardrail-surfaces.test.ts checks both pin the same version.
  moduleNameMapper: { "^@pulumi/policy$": require.resolve("@pulumi/policy") },
  testTimeout: 30000,
  // Jest defaults to cores - 1 workers: one worker on this 2-core machine. The tests wait on I/O and child processes
  // often enough that two workers finish the suite in about half the time.
  maxWorkers: 2,
};
