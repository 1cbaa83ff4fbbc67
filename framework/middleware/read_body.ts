import type { HttpError } from "./errors.ts";

/** Limits of {@link readBody}. */
export interface ReadBodyLimits {
  /** Most bytes read; one more and `tooLarge()` is thrown. */
  maxBytes: number;
  tooLarge: () => HttpError;
  /** With `timedOut`: the longest wait for the whole body, in ms. */
  timeoutMs?: number;
  timedOut?: () => HttpError;
}

/**
 * A request body's bytes (empty when it has none), counted while reading so
 * that a body longer than its Content-Length cannot slip past. The stream is
 * cancelled on any failure, so the sender is not read further.
 */
export async function readBody(request: Request, limits: ReadBodyLimits): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const { timeoutMs, timedOut } = limits;
  const timeout = timeoutMs !== undefined && timedOut
    ? new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut()), timeoutMs);
    })
    : undefined;
  try {
    while (true) {
      const { done, value } =
        await (timeout ? Promise.race([reader.read(), timeout]) : reader.read());
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) throw limits.tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
