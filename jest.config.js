// Two workers on this project's 2-core machines: the LibreOffice and Chromium suites mostly wait on a child process,
// so a second worker fills the time (JEST_MAX_WORKERS overrides, e.g. 1 beside other heavy work).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The unit tier (npm run test:unit) leaves out the folders that are all browser or package tests, and the suites
  // that exercise a whole tool rather than our code: webpack builds, the real office.js client, mounted disks.
  testPathIgnorePatterns:
    process.env.SCOREBOOK_TESTS === "unit"
      ? [
          "/node_modules/",
          "<rootDir>/test/e2e/",
          "<rootDir>/test/package/",
          "<rootDir>/test/bundle/", // webpack builds of the real configuration
          "<rootDir>/test/excel/request-size.test.ts", // Microsoft's office.js client in jsdom
          "<rootDir>/test/reliability/writers.test.ts", // every writer against full, read-only and aliased disks
          "<rootDir>/test/cli/built.test.ts", // the esbuild build of the command line, run as installed
          "<rootDir>/test/docs/guide.test.ts", // the guide's whole example round, command by command
        ]
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
