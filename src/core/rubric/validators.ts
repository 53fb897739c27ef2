// The JSON Schema validators of the rubric data (rubrics/schema/), compiled with ajv when first needed. The built
// command line (scripts/build-cli.cjs) replaces this module with the same validators compiled at build time
// (ajv standalone code, same options), so that `scorebook` does not compile schemas at every start.
import Ajv, { type ValidateFunction } from "ajv";
import rubricSchema from "../../../rubrics/schema/rubric.schema.json";
import awardSchema from "../../../rubrics/schema/award.schema.json";

/** ajv's options for the rubric data (the standalone build uses the same). */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;

export function compileValidators(): { rubric: ValidateFunction; award: ValidateFunction } {
  const ajv = new Ajv(AJV_OPTIONS);
  return { rubric: ajv.compile(rubricSchema), award: ajv.compile(awardSchema) };
}
