/**
 * A minimal HTTP/1.1 client over one keep-alive TCP connection, for the load
 * benchmark and the fuzz test. It sends bytes exactly as given (fetch would
 * normalise `/static/../x` and refuse bad methods or bodies), and costs far
 * less per request than fetch, so the benchmark measures the server.
 *
 * @module
 */

/** A parsed response. */
export interface RawResponse {
  /** Status code. */
  status: number;
  /** Header names in lower case. */
  headers: Map<string, string>;
  /** The body bytes (de-chunked). */
  body: Uint8Array;
}

/** One request, as the client sends it. */
export interface RawRequest {
  /** Method token, sent verbatim. */
  method: string;
  /** Request target, sent verbatim (may be hostile). */
  target: string;
  /** Extra headers; Host, Content-Length and Connection are added. */
  headers?: Record<string, string>;
  /** Body bytes or text. */
  body?: Uint8Array | string;
}

const CRLF2 = new Uint8Array([13, 10, 13, 10]);
const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Encodes a request to bytes. */
export function encodeRequest(request: RawRequest, host: string): Uint8Array {
  const body = typeof request.body === "string" ? encoder.encode(request.body) : request.body;
  let head = `${request.method} ${request.target} HTTP/1.1\r\nHost: ${host}\r\n`;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    head += `${name}: ${value}\r\n`;
  }
  const lower = Object.keys(request.headers ?? {}).map((k) => k.toLowerCase());
  if (body && !lower.includes("content-length") && !lower.includes("transfer-encoding")) {
    head += `Content-Length: ${body.byteLength}\r\n`;
  }
  head += "\r\n";
  const headBytes = encoder.encode(head);
  if (!body) return headBytes;
  const out = new Uint8Array(headBytes.byteLength + body.byteLength);
  out.set(headBytes);
  out.set(body, headBytes.byteLength);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A keep-alive connection that sends one request at a time. */
export class RawHttpConnection {
  #conn: Deno.TcpConn;
  #host: string;
  #buf = new Uint8Array(0);
  #closed = false;

  private constructor(conn: Deno.TcpConn, host: string) {
    this.#conn = conn;
    this.#host = host;
  }

  /** Opens a connection to `hostname:port`. */
  static async open(hostname: string, port: number): Promise<RawHttpConnection> {
    const conn = await Deno.connect({ hostname, port });
    conn.setNoDelay(true);
    return new RawHttpConnection(conn, `${hostname}:${port}`);
  }

  /** True once the server closed the connection or an error occurred. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends pre-encoded request bytes and reads the response (`head`: it answers a HEAD). */
  async send(bytes: Uint8Array, head = false): Promise<RawResponse> {
    // Read while writing: a server may answer (413) and close before taking a large body.
    let writeError: unknown = null;
    const writing = this.#writeAll(bytes).catch((error) => (writeError = error));
    try {
      return await this.#readResponse(head);
    } catch (error) {
      throw writeError ?? error;
    } finally {
      await writing;
    }
  }

  /** Encodes and sends `request`, then reads the response. */
  request(request: RawRequest): Promise<RawResponse> {
    return this.send(encodeRequest(request, this.#host), request.method === "HEAD");
  }

  /** Closes the socket (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // Already closed by the peer.
    }
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) off += await this.#conn.write(bytes.subarray(off));
  }

  async #fill(): Promise<void> {
    const chunk = new Uint8Array(64 * 1024);
    const n = await this.#conn.read(chunk);
    if (n === null) {
      this.close();
      throw new Error("connection closed by server");
    }
    const merged = new Uint8Array(this.#buf.length + n);
    merged.set(this.#buf);
    merged.set(chunk.subarray(0, n), this.#buf.length);
    this.#buf = merged;
  }

  async #readResponse(isHead: boolean): Promise<RawResponse> {
    let end: number;
    while ((end = indexOf(this.#buf, CRLF2, 0)) < 0) await this.#fill();
    const head = latin1.decode(this.#buf.subarray(0, end)).split("\r\n");
    this.#buf = this.#buf.subarray(end + 4);
    const status = Number(head[0].split(" ")[1]);
    const headers = new Map<string, string>();
    for (const line of head.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) {
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    }
    let body: Uint8Array;
    // Answers to HEAD, 1xx, 204 and 304 have no body whatever their headers say.
    if (isHead || status < 200 || status === 204 || status === 304) {
      body = new Uint8Array(0);
    } else if (headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) {
      body = await this.#readChunked();
    } else {
      const length = Number(headers.get("content-length") ?? "0");
      while (this.#buf.length < length) await this.#fill();
      body = this.#buf.slice(0, length);
      this.#buf = this.#buf.subarray(length);
    }
    if (headers.get("connection")?.toLowerCase() === "close") this.close();
    return { status, headers, body };
  }

  async #readChunked(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    const CRLF = new Uint8Array([13, 10]);
    while (true) {
      let eol: number;
      while ((eol = indexOf(this.#buf, CRLF, 0)) < 0) await this.#fill();
      const size = parseInt(latin1.decode(this.#buf.subarray(0, eol)), 16);
      this.#buf = this.#buf.subarray(eol + 2);
      while (this.#buf.length < size + 2) await this.#fill();
      if (size === 0) {
        // Skip any trailers up to the blank line.
        while (indexOf(this.#buf, CRLF, 0) !== 0) {
          let t: number;
          while ((t = indexOf(this.#buf, CRLF, 0)) < 0) await this.#fill();
          this.#buf = this.#buf.subarray(t + 2);
        }
        this.#buf = this.#buf.subarray(2);
        break;
      }
      parts.push(this.#buf.slice(0, size));
      this.#buf = this.#buf.subarray(size + 2);
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
