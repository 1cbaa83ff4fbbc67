/** The content codings the static file server can send. */
export type ContentCoding = "br" | "gzip";

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the
 * offered coding with the highest q-value above 0, brotli first on a tie, or
 * null for identity. A coding not named takes the q of "*" when present; a
 * missing header means identity (a client that asks for nothing gets bytes
 * as they are, which every client can read).
 */
export function negotiateEncoding(
  header: string | null | undefined,
  offered: readonly ContentCoding[] = ["br", "gzip"],
): ContentCoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  }
  let best: ContentCoding | null = null;
  let bestQ = 0;
  for (const coding of offered) {
    const value = q.get(coding) ?? (coding === "gzip" ? q.get("x-gzip") : undefined) ??
      q.get("*") ?? 0;
    if (value > bestQ) [best, bestQ] = [coding, value];
  }
  return best;
}
