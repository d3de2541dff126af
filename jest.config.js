/**
 * jest-light-runner runs test files in plain Node worker threads: no per-file module registry, so a worker loads the
 * Pulumi SDK once instead of once per test file (the suite runs in about half the time). In exchange there is no
 * module mocking (`jest.mock`) and modules are shared between the test files of a worker: tests inject what they
 * need (e.g. `programDir` for the harness) instead of mocking. Type checking is `npm run check`; tests are only
 * compiled (swc), see test/support/typescript.mjs.
 */
module.exports = {
  runner: "jest-light-runner",
  roots: ["<rootDir>"],
  testMatch: ["**/*.test.ts"],
  // `__probe__` files exist only while `npm run check` proves the architecture rules (offline/architecture.ts).
  testPathIgnorePatterns: ["/node_modules/", "/out/", "__probe__"],
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
  setupFiles: ["<rootDir>/test/support/typescript.mjs"],
  testTimeout: 30000,
  // Jest defaults to cores - 1 workers: one worker on this 2-core machine. The tests wait on I/O and child processes
  // often enough that two workers finish the suite sooner.
  maxWorkers: 2,
};
