// Every path a request names is resolved here, inside the round folder the clerk chose: relative only, no `..`
// segment, and the real path (symbolic links and junctions followed) of the deepest part that exists must lie in the
// folder's real path. A dangling link is refused too (writing through it would land wherever it points).
import * as fs from "fs";
import * as path from "path";

export class OutsideError extends Error {
  constructor(readonly requested: string) {
    super(`outside the round folder: ${requested}`);
  }
}

/** The absolute path of `rel` inside `rootReal` (a real path), or OutsideError. */
export function insideRoot(rootReal: string, rel: unknown): string {
  if (typeof rel !== "string" || rel.includes("\0")) throw new OutsideError(String(rel));
  const norm = rel.replace(/\\/g, "/");
  if (path.posix.isAbsolute(norm) || path.win32.isAbsolute(rel) || /^[a-zA-Z]:/.test(norm)) throw new OutsideError(rel);
  if (norm.split("/").some((s) => s === "..")) throw new OutsideError(rel);
  const abs = path.resolve(rootReal, norm);
  let probe = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      fs.lstatSync(probe);
      break;
    } catch {
      const up = path.dirname(probe);
      if (up === probe) throw new OutsideError(rel);
      rest.unshift(path.basename(probe));
      probe = up;
    }
  }
  let real: string;
  try {
    real = fs.realpathSync(probe);
  } catch {
    throw new OutsideError(rel); // a link to nowhere
  }
  const full = rest.length ? path.join(real, ...rest) : real;
  if (full !== rootReal && !full.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep))
    throw new OutsideError(rel);
  return full;
}
