import { F32, FunctionBody, I32, V128 } from "./wasm_builder.ts";

/**
 * gemm(a, b, c, m, k, n, accumulate, aRowStride, aDepthStride) (byte
 * pointers and strides): C = A·B or C += A·B, with A read through strides so
 * the same code serves A and Aᵀ. Blocks of 4 rows x 8 then 4 columns in
 * f32x4 accumulators; leftovers as scalar dots. `fma` uses relaxed SIMD's
 * fused multiply-add.
 */
export function gemmBody(fma: boolean): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32, I32, I32], []);
  const [A, B, C, M, K, N, ACC, ROW, DEPTH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const i = f.local(I32), j = f.local(I32), p = f.local(I32);
  const n4 = f.local(I32), pb = f.local(I32), pc = f.local(I32);
  const pa = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const sp = f.local(V128), bv = [f.local(V128), f.local(V128)];
  const acc = [0, 1, 2, 3].map(() => [f.local(V128), f.local(V128)]);
  const s = f.local(F32);

  // pa[r] = A + (i + r) * ROW
  const rowPointer = (r: number) => f.get(i).i32(r).add().get(ROW).mul().get(A).add().set(pa[r]);
  // pc = C + ((i + r) * n + j) * 4
  const outPointer = (r: number) =>
    f.get(i).i32(r).add().get(N).mul().get(j).add().i32(4).mul().get(C).add().set(pc);
  // Runs `body` k times (nothing when k is 0), p counting down.
  const overK = (body: () => void) => {
    f.get(K).set(p).block().get(K).eqz().brIf(0).loop();
    body();
    f.get(p).i32(1).sub().set(p).get(p).brIf(0).end().end();
  };

  const vectorBlock = (rows: number, vecs: number) => {
    for (let r = 0; r < rows; r++) rowPointer(r);
    f.get(j).i32(4).mul().get(B).add().set(pb);
    for (let r = 0; r < rows; r++) for (let v = 0; v < vecs; v++) f.v128Zero().set(acc[r][v]);
    overK(() => {
      for (let v = 0; v < vecs; v++) f.get(pb).v128Load(16 * v).set(bv[v]);
      for (let r = 0; r < rows; r++) {
        f.get(pa[r]).v128Load32Splat().set(sp);
        for (let v = 0; v < vecs; v++) {
          if (fma) f.get(sp).get(bv[v]).get(acc[r][v]).f32x4RelaxedMadd().set(acc[r][v]);
          else f.get(acc[r][v]).get(sp).get(bv[v]).f32x4Mul().f32x4Add().set(acc[r][v]);
        }
        f.inc(pa[r], { local: DEPTH });
      }
      f.inc(pb, { local: n4 });
    });
    for (let r = 0; r < rows; r++) {
      outPointer(r);
      f.get(ACC).if();
      for (let v = 0; v < vecs; v++) {
        f.get(acc[r][v]).get(pc).v128Load(16 * v).f32x4Add().set(acc[r][v]);
      }
      f.end();
      for (let v = 0; v < vecs; v++) f.get(pc).get(acc[r][v]).v128Store(16 * v);
    }
  };

  const scalarDot = (r: number) => {
    rowPointer(r);
    f.get(pa[r]).set(pa[0]);
    f.get(j).i32(4).mul().get(B).add().set(pb);
    f.f32Zero().set(s);
    overK(() => {
      f.get(s).get(pa[0]).f32Load().get(pb).f32Load().f32Mul().f32Add().set(s);
      f.inc(pa[0], { local: DEPTH }).inc(pb, { local: n4 });
    });
    outPointer(r);
    f.get(ACC).if().get(s).get(pc).f32Load().f32Add().set(s).end();
    f.get(pc).get(s).f32Store();
  };

  // while (n - j >= width) { body; j += width }
  const columns = (width: number, body: () => void) => {
    f.block().loop();
    f.get(N).get(j).sub().i32(width).ltS().brIf(1);
    body();
    f.inc(j, width).br(0).end().end();
  };

  const rowGroup = (rows: number) => {
    f.i32(0).set(j);
    columns(8, () => vectorBlock(rows, 2));
    columns(4, () => vectorBlock(rows, 1));
    columns(1, () => {
      for (let r = 0; r < rows; r++) scalarDot(r);
    });
  };

  f.get(N).i32(4).mul().set(n4);
  f.i32(0).set(i);
  for (const rows of [4, 1]) {
    f.block().loop();
    f.get(M).get(i).sub().i32(rows).ltS().brIf(1);
    rowGroup(rows);
    f.inc(i, rows).br(0).end().end();
  }
  return f;
}
