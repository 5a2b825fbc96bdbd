// Freezing data that a cache hands to every caller, so no caller can change it for the others.

/** Freezes value and everything reachable from it; returns value. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
