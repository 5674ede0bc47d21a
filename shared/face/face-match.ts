// The advisory 1:1 comparison of the selfie with the face printed on the scanned KTP.
/** Distance between two face descriptors (128-D) and the similarity shown to operators (1 = same). */
export function compareDescriptors(a: ArrayLike<number>, b: ArrayLike<number>): { distance: number; similarity: number } {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  const distance = Math.sqrt(sum);
  // face-api's descriptors: same person typically < 0.6 apart; map 0 → 1 and ≥ 1.2 → 0.
  return { distance: Math.round(distance * 1000) / 1000, similarity: Math.round(Math.max(0, 1 - distance / 1.2) * 1000) / 1000 };
}
