// Waits for a condition rather than for a fixed time: polls every few milliseconds and resolves as soon as `check`
// passes (returns without throwing); after `timeoutMs` (generous, for a loaded machine) it throws check's last error.
export async function until(check: () => void, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
