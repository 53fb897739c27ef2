// Stands in for src/core/rubric/check.ts in the browser bundles (webpack.config.js replaces the module there).
// The real check compiles the JSON Schemas with ajv, which generates code with `new Function`: the pages'
// Content-Security-Policy (no 'unsafe-eval') forbids that, and ajv would add about 40 KB to the pane's start-up code.
// The bundled rubric files are the ones `npm test` checks in full (test/rubrics, with the real check.ts) in the same
// commit the bundle is built from, so the pane trusts them; it never loads a rubric file from anywhere else.
export interface DataError {
  file: string;
  field: string;
  message: string;
}

export function formatDataError(e: DataError): string {
  return `${e.file}: ${e.field || "(根)"}: ${e.message}`;
}

export class RubricDataError extends Error {
  constructor(public readonly errors: DataError[]) {
    super(errors.map(formatDataError).join("\n"));
    this.name = "RubricDataError";
  }
}

export function checkRubric(_data: unknown, _file: string): DataError[] {
  return [];
}

export function checkAward(_data: unknown, _file: string): DataError[] {
  return [];
}
