const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
// Random bytes are drawn 1 KB at a time: one getRandomValues call per id cost more than the rest of an
// agent's or hub's per-message work.
const pool = new Uint8Array(1_000);
let poolAt = pool.length;

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
  if (poolAt + 10 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  let suffix = "";
  for (let i = poolAt; i < poolAt + 10; i++) suffix += ALPHABET[(pool[i] as number) % 32];
  poolAt += 10;
  return time + suffix;
}
