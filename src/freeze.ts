// Freezing data that is shared by every document of a build (the content, the type styles),
// so no document can change it for the others.

/** Freezes value and everything reachable from it; returns value. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
