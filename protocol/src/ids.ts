const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A sortable unique id (time prefix + random suffix) for messages, visits, incidents and transactions.
 * Uses Web Crypto so it works in Node and the browser.
 */
export function newId(now: number = Date.now()): string {
  let time = "";
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = new Uint8Array(10);
  globalThis.crypto.getRandomValues(random);
  let suffix = "";
  for (const byte of random) suffix += ALPHABET[byte % 32];
  return time + suffix;
}
