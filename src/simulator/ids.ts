const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Returns numbers in [0, 1) from a seed: the same seed gives the same sequence (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes a PagerDuty-looking id: `prefix` then `length` upper-case alphanumerics. */
export type IdGenerator = (prefix: string, length?: number) => string;

/**
 * A deterministic id generator, so a simulator started twice hands out the same ids in the same
 * order (seeded data and the objects tests create). Length defaults to 13 (incident-like
 * `Q1ABC…` ids, 14 characters with the prefix).
 */
export function createIdGenerator(seed = 20240601): IdGenerator {
  const random = seededRandom(seed);
  const issued = new Set<string>();
  return (prefix, length = 13) => {
    for (;;) {
      let id = prefix;
      for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
      if (!issued.has(id)) {
        issued.add(id);
        return id;
      }
    }
  };
}
