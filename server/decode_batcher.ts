/**
 * Micro-batching for decode requests. A tfjs predict call has a fixed cost
 * (~0.5 ms on this machine) that dwarfs one 10-number latent's work, so
 * requests that arrive together are decoded in one call: the first one
 * schedules a flush after the event loop's next I/O turn, and every decode requested
 * before it runs joins the batch (up to `maxBatch`). Under light load a
 * batch holds one latent and the wait is one event-loop turn.
 *
 * @module
 */
import { setImmediate } from "node:timers";
import { HttpError } from "../framework/middleware/errors.ts";

/** Options of {@link createDecodeBatcher}. */
export interface DecodeBatcherOptions {
  /** Numbers per latent. */
  latentSize: number;
  /** Numbers per decoded image (784 for MNIST). */
  imageSize: number;
  /** Most latents decoded in one call; default 16. */
  maxBatch?: number;
  /**
   * Longest a latent may wait for its batch, in ms; one that waited longer is rejected with a
   * {@link DecodeBusyError} instead of decoded late. Default: no bound.
   */
  maxWaitMs?: number;
}

/**
 * A decode dropped because it waited longer than `maxWaitMs`: the server is
 * busy, not broken, so it is answered 503 with Retry-After.
 */
export class DecodeBusyError extends HttpError {
  /** How long the latent waited, in ms. */
  readonly waitedMs: number;

  /** Creates the error; `waitedMs` is how long the latent waited. */
  constructor(waitedMs: number) {
    super(503, "server is busy; retry later", { "Retry-After": "1" });
    this.name = "DecodeBusyError";
    this.waitedMs = waitedMs;
  }
}

/** Counters of a batcher, for the load benchmark. */
export interface DecodeBatcherStats {
  /** Latents decoded since start. */
  latents: number;
  /** Decode calls made since start. */
  batches: number;
  /** Latents waiting now. */
  pending: number;
  /** Latents rejected since start for waiting too long. */
  expired: number;
}

/** Decodes single latents, batching concurrent ones. */
export interface DecodeBatcher {
  /** The image of one latent (a copy the caller owns). */
  decode(latent: Float32Array): Promise<Float32Array>;
  /** Current counters (a fresh object each call). */
  stats(): DecodeBatcherStats;
  /** Resolves once no decode is queued or scheduled (at once if none is). */
  idle(): Promise<void>;
}

interface Pending {
  latent: Float32Array;
  arrived: number;
  resolve: (image: Float32Array) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps a packed decoder `(latents [n * latentSize]) => images [n * imageSize]`,
 * such as `MuddleEngine.decode`. A failing call rejects every request of its batch.
 */
export function createDecodeBatcher(
  decodePacked: (latents: Float32Array) => Float32Array,
  options: DecodeBatcherOptions,
): DecodeBatcher {
  const { latentSize, imageSize } = options;
  const maxBatch = options.maxBatch ?? 16;
  const maxWaitMs = options.maxWaitMs ?? Infinity;
  if (!(maxBatch >= 1)) throw new RangeError(`maxBatch must be at least 1, got ${maxBatch}`);
  let queue: Pending[] = [];
  let scheduled = false;
  let latents = 0;
  let batches = 0;
  let expired = 0;
  let waiters: (() => void)[] = [];

  function flush(): void {
    scheduled = false;
    try {
      flushBatch();
    } finally {
      if (!scheduled) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    }
  }

  function flushBatch(): void {
    // Latents whose client has waited too long are answered now, not decoded late.
    const now = performance.now();
    let fresh = 0;
    while (fresh < queue.length && now - queue[fresh].arrived > maxWaitMs) fresh++;
    if (fresh > 0) {
      for (const p of queue.slice(0, fresh)) p.reject(new DecodeBusyError(now - p.arrived));
      expired += fresh;
      queue = queue.slice(fresh);
    }
    if (queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule();
    const packed = new Float32Array(batch.length * latentSize);
    batch.forEach((p, i) => packed.set(p.latent, i * latentSize));
    let images: Float32Array;
    try {
      images = decodePacked(packed);
      if (images.length !== batch.length * imageSize) {
        throw new RangeError(
          `decoder returned ${images.length} values for ${batch.length} latents; expected ${imageSize} each`,
        );
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    latents += batch.length;
    batches++;
    batch.forEach((p, i) => p.resolve(images.slice(i * imageSize, (i + 1) * imageSize)));
  }

  function schedule(): void {
    scheduled = true;
    // After pending I/O, not a microtask: requests the server has already read get to join.
    // setTimeout(0) would do too, but costs 1-2 ms per turn here; setImmediate costs ~5 us.
    setImmediate(flush);
  }

  return {
    decode(latent) {
      if (latent.length !== latentSize) {
        return Promise.reject(
          new RangeError(`latent must hold ${latentSize} values, got ${latent.length}`),
        );
      }
      return new Promise((resolve, reject) => {
        queue.push({ latent, arrived: performance.now(), resolve, reject });
        if (!scheduled) schedule();
      });
    },
    stats: () => ({ latents, batches, pending: queue.length, expired }),
    idle: () => scheduled ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(),
  };
}
