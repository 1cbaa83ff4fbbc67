import { FunctionBody, I32 } from "./wasm_builder.ts";

/**
 * im2col (windows of x into cols, padding as zeros) or, with `adjoint`,
 * col2im (cols added back onto a cleared x): the same walk over windows as
 * the JS versions, with whole channel runs copied or added at once.
 */
export function windowsBody(adjoint: boolean): FunctionBody {
  const f = new FunctionBody(new Array(16).fill(I32), []);
  const [X, COLS, BATCH, IN_H, IN_W, CH, OUT_H, OUT_W, FH, FW, SH, SW, DH, DW, PT, PL] = f.params
    .map((_, i) => i);
  const n = f.local(I32),
    oy = f.local(I32),
    ox = f.local(I32),
    ky = f.local(I32),
    kx = f.local(I32);
  const iy = f.local(I32), ix = f.local(I32), y0 = f.local(I32), x0 = f.local(I32);
  const o = f.local(I32), rowStride = f.local(I32), cb = f.local(I32), imageBytes = f.local(I32);
  const base = f.local(I32), rowBase = f.local(I32), src = f.local(I32), q = f.local(I32);
  const rowBytes = f.local(I32);
  // for (v = 0; v < limit; v++) body
  const count = (v: number, limit: number, body: () => void) => {
    f.i32(0).set(v).block().loop();
    f.get(v).get(limit).geU().brIf(1);
    body();
    f.inc(v, 1).br(0).end().end();
  };
  // For q over [0, bytes): 16 bytes at a time, then 4. Explicit loops beat
  // memory.copy/fill on runs this short (4..128 bytes).
  const runs = (bytes: number, vector: () => void, scalar: () => void) => {
    f.i32(0).set(q).block().loop();
    f.get(bytes).get(q).sub().i32(16).ltS().brIf(1);
    vector();
    f.inc(q, 16).br(0).end().end();
    f.block().loop();
    f.get(q).get(bytes).geU().brIf(1);
    scalar();
    f.inc(q, 4).br(0).end().end();
  };
  const zeros = (bytes: number) =>
    runs(
      bytes,
      () => f.get(o).get(q).add().v128Zero().v128Store(),
      () => f.get(o).get(q).add().f32Zero().f32Store(),
    );
  f.get(CH).i32(4).mul().set(cb);
  f.get(IN_W).get(cb).mul().set(rowStride);
  f.get(IN_H).get(rowStride).mul().set(imageBytes);
  f.get(FW).get(cb).mul().set(rowBytes);
  if (adjoint) f.get(X).i32(0).get(BATCH).get(imageBytes).mul().memoryFill();
  f.get(COLS).set(o);
  count(n, BATCH, () => {
    f.get(n).get(imageBytes).mul().get(X).add().set(base);
    count(oy, OUT_H, () => {
      f.get(oy).get(SH).mul().get(PT).sub().set(y0);
      count(ox, OUT_W, () => {
        f.get(ox).get(SW).mul().get(PL).sub().set(x0);
        count(ky, FH, () => {
          f.get(ky).get(DH).mul().get(y0).add().set(iy);
          // Row outside the image: zeros (im2col) or nothing to add (col2im).
          f.get(iy).get(IN_H).geU().if();
          if (!adjoint) zeros(rowBytes);
          f.inc(o, { local: rowBytes });
          f.else();
          f.get(iy).get(rowStride).mul().get(base).add().set(rowBase);
          count(kx, FW, () => {
            f.get(kx).get(DW).mul().get(x0).add().set(ix);
            f.get(ix).get(IN_W).geU().if();
            if (!adjoint) zeros(cb);
            f.else();
            f.get(ix).get(cb).mul().get(rowBase).add().set(src);
            if (!adjoint) {
              runs(
                cb,
                () => f.get(o).get(q).add().get(src).get(q).add().v128Load().v128Store(),
                () => f.get(o).get(q).add().get(src).get(q).add().f32Load().f32Store(),
              );
            } else {
              // x[src + c] += cols[o + c]
              runs(
                cb,
                () =>
                  f.get(src).get(q).add().get(src).get(q).add().v128Load().get(o).get(q).add()
                    .v128Load().f32x4Add().v128Store(),
                () =>
                  f.get(src).get(q).add().get(src).get(q).add().f32Load().get(o).get(q).add()
                    .f32Load().f32Add().f32Store(),
              );
            }
            f.end();
            f.inc(o, { local: cb });
          });
          f.end();
        });
      });
    });
  });
  return f;
}
