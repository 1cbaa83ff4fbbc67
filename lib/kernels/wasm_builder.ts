/**
 * Just enough of a WebAssembly binary writer to build the GEMM kernel in
 * TypeScript (no toolchain is needed, and the bytes are built at run time
 * from the code below): functions with typed locals, structured control
 * flow, i32 and f32 arithmetic, memory, and the SIMD f32x4 operations.
 */

/** Value types. */
export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
}

/** Signed LEB128 (32-bit). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  while (true) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** The body of one function: call the instruction methods in order. */
export class FunctionBody {
  readonly code: number[] = [];
  readonly locals: number[] = [];
  constructor(readonly params: number[], readonly results: number[]) {}

  /** Declares a local of `type`; returns its index. */
  local(type: number): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }
  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  private simd(opcode: number, ...rest: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...rest);
  }
  get(i: number) {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number) {
    return this.op(0x21, ...uleb(i));
  }
  i32(v: number) {
    return this.op(0x41, ...sleb(v));
  }
  f32Zero() {
    return this.op(0x43, 0, 0, 0, 0);
  }
  /** f32.const (rounded to float32). */
  f32(v: number) {
    return this.op(0x43, ...new Uint8Array(new Float32Array([v]).buffer));
  }
  add() {
    return this.op(0x6a);
  }
  sub() {
    return this.op(0x6b);
  }
  mul() {
    return this.op(0x6c);
  }
  eqz() {
    return this.op(0x45);
  }
  /** i32 signed less-or-equal. */
  leS() {
    return this.op(0x4c);
  }
  ltS() {
    return this.op(0x48);
  }
  /** i32 unsigned >=: with a negative index read as huge, one test covers both bounds. */
  geU() {
    return this.op(0x4f);
  }
  gtS() {
    return this.op(0x4a);
  }
  shrU() {
    return this.op(0x76);
  }
  /** select(a, b, condition): a if condition else b. */
  select() {
    return this.op(0x1b);
  }
  ltU() {
    return this.op(0x49);
  }
  and() {
    return this.op(0x71);
  }
  eq() {
    return this.op(0x46);
  }
  /** memory.fill(dest, byte, length) (bulk memory). */
  memoryFill() {
    return this.op(0xfc, 11, 0);
  }
  /** memory.copy(dest, src, length) (bulk memory). */
  memoryCopy() {
    return this.op(0xfc, 10, 0, 0);
  }
  f32Load(offset = 0) {
    return this.op(0x2a, 2, ...uleb(offset));
  }
  f32Store(offset = 0) {
    return this.op(0x38, 2, ...uleb(offset));
  }
  f32Add() {
    return this.op(0x92);
  }
  f32Mul() {
    return this.op(0x94);
  }
  v128Load(offset = 0) {
    return this.simd(0, 2, ...uleb(offset));
  }
  /** Loads one f32 into all four lanes. */
  v128Load32Splat(offset = 0) {
    return this.simd(9, 2, ...uleb(offset));
  }
  v128Store(offset = 0) {
    return this.simd(11, 2, ...uleb(offset));
  }
  /** v128.const of four i32 lanes. */
  v128I32(a: number, b: number, c: number, d: number) {
    return this.simd(12, ...new Uint8Array(new Int32Array([a, b, c, d]).buffer));
  }
  /** v128.bitselect(a, b, mask): bits of a where mask is set, else of b. */
  v128Bitselect() {
    return this.simd(82);
  }
  v128Zero() {
    return this.simd(12, ...new Array(16).fill(0));
  }
  f32x4Splat() {
    return this.simd(19);
  }
  f32x4Add() {
    return this.simd(228);
  }
  f32x4Mul() {
    return this.simd(230);
  }
  /** Relaxed SIMD: a·b + c (fused where the CPU has FMA). Not in every engine: validate first. */
  f32x4RelaxedMadd() {
    return this.simd(0x105);
  }
  f32x4Max() {
    return this.simd(233);
  }
  f32x4Min() {
    return this.simd(232);
  }
  f32x4Sub() {
    return this.simd(229);
  }
  f32x4Div() {
    return this.simd(231);
  }
  f32x4Sqrt() {
    return this.simd(227);
  }
  f32x4Neg() {
    return this.simd(225);
  }
  f32x4Nearest() {
    return this.simd(106);
  }
  i32x4Splat() {
    return this.simd(17);
  }
  i32x4Add() {
    return this.simd(174);
  }
  i32x4Shl() {
    return this.simd(171);
  }
  i32x4TruncSatF32x4S() {
    return this.simd(248);
  }
  /** Lane-wise a > b as all-ones / all-zeros masks. */
  f32x4Gt() {
    return this.simd(68);
  }
  v128And() {
    return this.simd(78);
  }
  else() {
    return this.op(0x05);
  }
  block() {
    return this.op(0x02, 0x40);
  }
  loop() {
    return this.op(0x03, 0x40);
  }
  if() {
    return this.op(0x04, 0x40);
  }
  end() {
    return this.op(0x0b);
  }
  br(depth: number) {
    return this.op(0x0c, ...uleb(depth));
  }
  brIf(depth: number) {
    return this.op(0x0d, ...uleb(depth));
  }
  /** Runs `body` with local q over [0, bytes) in steps of 16 (bytes must be a multiple of 16). */
  forVectors(q: number, bytes: number, body: () => void) {
    this.i32(0).set(q).block().loop();
    this.get(q).get(bytes).geU().brIf(1);
    body();
    return this.inc(q, 16).br(0).end().end();
  }
  /** local[i] += delta (i32). */
  inc(i: number, delta: number | { local: number }) {
    this.get(i);
    if (typeof delta === "number") this.i32(delta);
    else this.get(delta.local);
    return this.add().set(i);
  }
}

/**
 * Assembles a module with one exported memory ("memory", `pages` of 64 KiB
 * to start) and the given exported functions.
 */
export function buildModule(
  functions: { name: string; body: FunctionBody }[],
  pages = 1,
): Uint8Array<ArrayBuffer> {
  const types = functions.flatMap(({ body }) => [
    0x60,
    ...uleb(body.params.length),
    ...body.params,
    ...uleb(body.results.length),
    ...body.results,
  ]);
  const code = functions.flatMap(({ body }) => {
    const locals = body.locals.flatMap((t) => [1, t]);
    const bytes = [...uleb(body.locals.length), ...locals, ...body.code, 0x0b];
    return [...uleb(bytes.length), ...bytes];
  });
  const exports = [
    ...uleb(functions.length + 1),
    ...functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
    ...name("memory"),
    0x02,
    0,
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, [...uleb(functions.length), ...types]),
    ...section(3, [...uleb(functions.length), ...functions.flatMap((_, i) => uleb(i))]),
    ...section(5, [1, 0x00, ...uleb(pages)]),
    ...section(7, exports),
    ...section(10, [...uleb(functions.length), ...code]),
  ]);
}
