// Working arrays reused from call to call by the loops that run on every photo (normalise, the
// card's locating): fresh arrays of megabytes each time kept the garbage collector busy, on the
// thread that reads the card and on its helpers. An array is its user's only during one call (the
// users are synchronous and give each array its own name); one holding a card's pixels is wiped
// by its user before returning, so no photo outlives its read in a reused buffer.
type NumberArray = Float32Array | Float64Array | Int32Array;

const pool = new Map<string, NumberArray>();

/** An array of exactly `n` elements of type `make` for `name`, from a buffer kept for it. Its contents are left over. */
export function scratch<T extends NumberArray>(name: string, make: new (n: number) => T, n: number): T {
  const kept = pool.get(name);
  if (kept instanceof make && kept.length >= n) return kept.subarray(0, n) as T;
  const fresh = new make(n);
  pool.set(name, fresh);
  return fresh;
}
