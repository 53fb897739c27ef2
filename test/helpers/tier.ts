// The two tiers of the suite. `npm test` runs everything; `npm run test:unit` (SCOREBOOK_TESTS=unit) is the quick
// edit–test loop: no LibreOffice, no Chromium, no production build. Suites that need one of those use the describe
// helpers below (or describeWithLibreOffice / describeInPreview), which skip in the unit tier; global-setup.cjs says
// once what was left out. Under CI=true a missing tool or build fails instead of skipping.
import { existsSync } from "fs";
import path from "path";

export const unitOnly = process.env.SCOREBOOK_TESTS === "unit";
export const CI = process.env.CI === "true";
export const DIST = path.join(__dirname, "../../dist");

/** describe() for suites that read the production build (dist/ from `npm run build`). */
export function describeWithBuild(...files: string[]): jest.Describe {
  if (unitOnly) return describe.skip;
  const built = files.every((f) => existsSync(path.join(DIST, f)));
  if (!built && CI) throw new Error(`dist/ is missing ${files.join(", ")}: npm test runs \`npm run build\` first`);
  return built ? describe : describe.skip;
}
