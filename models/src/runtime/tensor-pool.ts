/** Float32 input buffers handed back after a run and reused by the next run of the same size. */
export interface TensorPool {
  /** A buffer of exactly `length` values, reused or new; its contents are stale (the caller overwrites all). */
  acquire(length: number): Float32Array;
  /** Give a buffer back once the run that read it has finished. */
  release(buffer: Float32Array): void;
}

/**
 * A detector's input tensors are the agent's largest short-lived allocations (YuNet's for a camera frame is
 * 4 MB): as garbage they wait for V8's next collection and swell the RSS. Buffers are kept per length, the
 * least recently returned lengths dropped first once the pool would hold more than `maxBytes`.
 */
export function createTensorPool(maxBytes: number): TensorPool {
  const free = new Map<number, Float32Array[]>();
  let pooledBytes = 0;
  return {
    acquire(length) {
      const buffers = free.get(length);
      const buffer = buffers?.pop();
      if (!buffer) return new Float32Array(length);
      pooledBytes -= buffer.byteLength;
      return buffer;
    },
    release(buffer) {
      if (buffer.byteLength > maxBytes) return;
      const length = buffer.length;
      const buffers = free.get(length) ?? [];
      // Re-inserted last: Map order is then least recently returned first.
      free.delete(length);
      free.set(length, buffers);
      buffers.push(buffer);
      pooledBytes += buffer.byteLength;
      for (const [key, list] of free) {
        if (pooledBytes <= maxBytes) break;
        while (list.length > 0 && pooledBytes > maxBytes) pooledBytes -= (list.shift() as Float32Array).byteLength;
        if (list.length === 0) free.delete(key);
      }
    },
  };
}
