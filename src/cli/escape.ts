// Untrusted text (names and notes from returned workbooks, file names) must not drive the terminal: ESC can recolour
// or clear the screen, CR and backspace overwrite what was printed, bidi overrides reverse it. Every line the command
// line prints goes through terminalSafe (src/cli/main.ts wraps the output once), so no caller can forget it.

// C0 controls but tab and line feed, DEL, C1 controls, and the bidi embedding, override and isolate controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every unsafe character shown as \uXXXX (also a valid escape inside a JSON string, so `--json`
 * output stays valid JSON).
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
