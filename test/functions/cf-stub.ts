// A stand-in for the CustomFunctions global that office.js provides in Excel: it records what the functions file
// registers, and its Error keeps the code and message the way Excel shows them (#VALUE! with a tooltip).
export class StubError extends Error {
  constructor(
    public readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export type AnyFn = (...args: unknown[]) => unknown;

export interface Registered {
  ids: string[];
  call(id: string, ...args: unknown[]): unknown;
  fn(id: string): AnyFn;
}

/** Installs the stub, loads the functions file fresh, and gives access to what it registered. */
export function loadFunctions(modulePath = "../../src/functions/functions"): Registered {
  const map = new Map<string, AnyFn>();
  const g = globalThis as Record<string, unknown>;
  g.CustomFunctions = {
    associate: (id: string, fn: AnyFn) => {
      if (map.has(id)) throw new Error(`${id} registered twice`);
      map.set(id, fn);
    },
    Error: StubError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
  };
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(modulePath);
  });
  return {
    ids: [...map.keys()],
    fn: (id) => {
      const f = map.get(id);
      if (!f) throw new Error(`QA.${id} is not registered`);
      return f;
    },
    call: (id, ...args) => {
      const f = map.get(id);
      if (!f) throw new Error(`QA.${id} is not registered`);
      return f(...args);
    },
  };
}

/** The Excel error a call gives ("#VALUE!: message"), or throws if the call succeeded. */
export function excelError(thunk: () => unknown): { code: string; message: string } {
  try {
    thunk();
  } catch (e) {
    if (e instanceof StubError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected an Excel error, got a value");
}
