// A small deterministic generator (xorshift32) for property tests: every run draws the
// same cases, so a failure can be repeated.
export function seededRandom(seed: number): { next: () => number; pick: <T>(items: readonly T[]) => T } {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)] };
}
