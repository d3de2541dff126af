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
  testTimeout: 30000,
  // Jest defaults to cores - 1 workers: one worker on this 2-core machine. The tests wait on I/O and child processes
  // often enough that two workers finish the suite in about half the time.
  maxWorkers: 2,
};
