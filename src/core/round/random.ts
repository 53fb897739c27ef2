// Keyed random numbers for the draw: every number is a hash of (seed, what it is for), not the next output of one
// running generator. So the draw depends on the seed and on names only, never on the order of rows in a sheet, and a
// 纪检 officer who re-runs it with the recorded seed gets the same panels.

/**
 * cyrb53 (a public-domain 53-bit string hash by bryc): two 32-bit multiply-xorshift lanes. Good avalanche for short
 * keys, which is what a fair draw needs (tested: each eligible expert is drawn about equally often over many seeds).
 */
export function cyrb53(text: string, salt = 0): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A number in [0, 1) for the given seed and key parts (joined with a separator no name contains). */
export function keyed(seed: string, ...parts: string[]): number {
  return cyrb53([seed, ...parts].join("\u0001")) / 9007199254740992;
}

/** Two hashes of the text with different salts, as 28 hex digits: a short fingerprint, not a security measure. */
export function fingerprint(text: string): string {
  return [cyrb53(text, 1), cyrb53(text, 2)].map((h) => h.toString(16).padStart(14, "0")).join("");
}
