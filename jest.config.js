// Two workers on this project's 2-core machines: the LibreOffice and Chromium suites mostly wait on a child process,
// so a second worker fills the time (JEST_MAX_WORKERS overrides, e.g. 1 beside other heavy work).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The unit tier (npm run test:unit) leaves out the folders that are all browser or package tests.
  testPathIgnorePatterns:
    process.env.SCOREBOOK_TESTS === "unit"
      ? ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/package/"]
      : ["/node_modules/"],
  transform: { "^.+\\.tsx?$": "<rootDir>/test/helpers/esbuild-jest.cjs" },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  globalSetup: "<rootDir>/test/helpers/global-setup.cjs",
  testSequencer: "<rootDir>/test/helpers/sequencer.cjs",
  setupFiles: ["<rootDir>/test/helpers/setup-dom.cjs"],
  maxWorkers: Number(process.env.JEST_MAX_WORKERS) || 2,
  // A safety net for a hung test, not a measure of speed: generous, so a loaded machine makes a test slow, never red.
  testTimeout: 120_000,
};
