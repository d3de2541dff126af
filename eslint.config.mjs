// @ts-check
import eslint from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** Packages only tests and the offline engine may use: never deployed, some not even under a permissive licence. */
const TEST_ONLY_PACKAGES = ["@bufbuild/cel", "@bufbuild/cel/*", "ajv", "ajv/*", "@cloud-copilot/*", "fast-check"];
const AREAS = "connection|audit|atlas|operator|admission";

/** Every top-level folder of the project, as `import-x/no-restricted-paths` zone sources. */
const ALL = [
  "domain",
  "config",
  "areas",
  "program",
  "guardrails",
  "policy",
  "offline",
  "ops",
  "scripts",
  "test",
  "index.ts",
];
const except = (...allowed) => ALL.filter((f) => !allowed.includes(f)).map((f) => `./${f}`);

/**
 * The import direction: domain ← config ← areas ← program; guardrails ← domain; policy ← guardrails. Nothing deployed
 * reaches the offline engine, the scripts, the tests or a test-only package. Tests and fixtures may import anything.
 */
const layers = [
  { folder: "domain", may: ["domain"], why: "domain/ is the vocabulary: it imports nothing of the project" },
  { folder: "config", may: ["config", "domain"], why: "config/ is the config kernel: it imports domain/ only" },
  {
    folder: "areas",
    may: ["areas", "config", "domain"],
    why: "an area imports domain/, config/ and areas/ (other areas: types only); never the composition root, the offline engine, scripts or tests",
  },
  {
    folder: "program",
    may: ["program", "areas", "config", "domain"],
    why: "the composition root imports areas/, config/ and domain/",
  },
  { folder: "guardrails", may: ["guardrails", "domain"], why: "the rulebook imports domain/ only" },
  {
    folder: "policy",
    may: ["policy", "guardrails", "domain"],
    why: "the policy pack imports guardrails/ and domain/ only",
  },
];

export default tseslint.config(
  // `__probe__*` files exist only while `npm run check` proves these rules (offline/architecture.ts).
  {
    ignores: [
      "node_modules/**",
      "out/**",
      "policy/node_modules/**",
      "coverage/**",
      "vendor/**",
      "**/__probe__*",
      "ops/verify/atlas-api.d.ts",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@pulumi": pulumi, "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      eqeqeq: "error",
      "no-console": "off",
      // jest-light-runner shares modules between the test files of a worker and has no module mocking: inject instead.
      "no-restricted-properties": [
        "error",
        ...["mock", "unmock", "doMock", "requireActual", "isolateModules", "resetModules"].map((property) => ({
          object: "jest",
          property,
          message: "the test runner shares modules and does not mock them: pass the dependency in (e.g. programDir)",
        })),
      ],
    },
  },
  ...layers.map(({ folder, may, why }) => ({
    files: folder === "program" ? ["program/**/*.ts", "index.ts"] : [`${folder}/**/*.ts`],
    ignores: ["**/*.test.ts", "**/fixtures/**"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        { zones: [{ target: `./${folder}`, from: except(...may), message: why }] },
      ],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // ajv is a runtime dependency of the rulebook only (the Admin API spec check runs in the policy pack).
              group:
                folder === "guardrails" || folder === "policy"
                  ? TEST_ONLY_PACKAGES.filter((p) => !p.startsWith("ajv"))
                  : TEST_ONLY_PACKAGES,
              message: "a test-only package: deploy-time code must not depend on it",
            },
            {
              regex: "^@pulumi/kubernetes(/helm/v3)?$",
              message:
                "import the API group (e.g. @pulumi/kubernetes/core/v1) or @pulumi/kubernetes/helm/v3/release: these " +
                "indexes pull the declarations of every Kubernetes API group into the type check (570 files)",
            },
            ...(folder === "areas"
              ? [
                  {
                    regex: `^(\\.\\./)+(${AREAS})/`,
                    allowTypeImports: true,
                    message: "areas share types only: pass values through the composition root (program/)",
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" },
    },
  },
);
