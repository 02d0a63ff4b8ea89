export interface OutputDifference {
  /** max |converted − reference| over all elements */
  maxAbsDiff: number;
  /** max |reference|, the scale the difference is judged against */
  maxAbsRef: number;
}

/** How far a converted model's output is from the reference one (same element order required). */
export function compareOutputs(converted: ArrayLike<number>, reference: ArrayLike<number>): OutputDifference {
  if (converted.length !== reference.length) {
    throw new Error(`output sizes differ: ${converted.length} vs ${reference.length}`);
  }
  let maxAbsDiff = 0;
  let maxAbsRef = 0;
  for (let i = 0; i < reference.length; i++) {
    const ref = reference[i] as number;
    const diff = Math.abs((converted[i] as number) - ref);
    // NaN must fail the comparison, not vanish in Math.max.
    maxAbsDiff = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(maxAbsDiff, diff);
    maxAbsRef = Math.max(maxAbsRef, Math.abs(ref));
  }
  return { maxAbsDiff, maxAbsRef };
}

/** Concatenates flattened tensors (the element order of a Concat along the first non-unit axis). */
export function concatFlat(parts: readonly ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(Array.from(p), at);
    at += p.length;
  }
  return out;
}
