import { FunctionBody, I32, V128 } from "./wasm_builder.ts";

/** maxPool(x, y, argmax, batch, inH, inW, rowBytes=4c, outH, outW, ph, pw, sh, sw, padTop, padLeft). */
export function maxPoolBody(): FunctionBody {
  const f = new FunctionBody(new Array(15).fill(I32), []);
  const [X, Y, ARG, BATCH, IN_H, IN_W, CB, OUT_H, OUT_W, PH, PW, SH, SW, PT, PL] = f.params.map((
    _,
    i,
  ) => i);
  const n = f.local(I32),
    oy = f.local(I32),
    ox = f.local(I32),
    iy = f.local(I32),
    ix = f.local(I32);
  const y0 = f.local(I32), y1 = f.local(I32), x0 = f.local(I32), x1 = f.local(I32);
  const image = f.local(I32),
    o = f.local(I32),
    a = f.local(I32),
    q = f.local(I32),
    pos = f.local(I32);
  const best = f.local(V128), idx = f.local(V128), v = f.local(V128), mask = f.local(V128);
  const lanes = f.local(V128);
  const count = (vr: number, from: () => void, limit: () => void, body: () => void) => {
    from();
    f.set(vr).block().loop();
    f.get(vr);
    limit();
    f.geU().brIf(1);
    body();
    f.inc(vr, 1).br(0).end().end();
  };
  // max(0, s) and min(limit, s) for the window's clipped bounds.
  const clipLow = (start: () => void, target: number) => {
    start();
    f.set(target).get(target).i32(0).get(target).i32(0).gtS().select().set(target);
  };
  const clipHigh = (end: () => void, limit: number, target: number) => {
    end();
    f.set(target).get(target).get(limit).get(target).get(limit).ltS().select().set(target);
  };
  f.v128I32(0, 1, 2, 3).set(lanes);
  f.get(Y).set(o).get(ARG).set(a);
  count(n, () => f.i32(0), () => f.get(BATCH), () => {
    f.get(n).get(IN_H).mul().get(IN_W).mul().get(CB).mul().get(X).add().set(image);
    count(oy, () => f.i32(0), () => f.get(OUT_H), () => {
      clipLow(() => f.get(oy).get(SH).mul().get(PT).sub(), y0);
      clipHigh(() => f.get(oy).get(SH).mul().get(PT).sub().get(PH).add(), IN_H, y1);
      count(ox, () => f.i32(0), () => f.get(OUT_W), () => {
        clipLow(() => f.get(ox).get(SW).mul().get(PL).sub(), x0);
        clipHigh(() => f.get(ox).get(SW).mul().get(PL).sub().get(PW).add(), IN_W, x1);
        f.forVectors(q, CB, () => {
          // Start from the window's first value; later ones replace it only when greater.
          f.get(y0).get(IN_W).mul().get(x0).add().get(CB).mul().get(image).add().get(q).add()
            .set(pos);
          f.get(pos).v128Load().set(best);
          f.get(pos).get(X).sub().i32(2).shrU().i32x4Splat().get(lanes).i32x4Add().set(idx);
          count(iy, () => f.get(y0), () => f.get(y1), () => {
            count(ix, () => f.get(x0), () => f.get(x1), () => {
              f.get(iy).get(IN_W).mul().get(ix).add().get(CB).mul().get(image).add().get(q).add()
                .set(pos);
              f.get(pos).v128Load().set(v);
              f.get(v).get(best).f32x4Gt().set(mask);
              f.get(v).get(best).get(mask).v128Bitselect().set(best);
              f.get(pos).get(X).sub().i32(2).shrU().i32x4Splat().get(lanes).i32x4Add();
              f.get(idx).get(mask).v128Bitselect().set(idx);
            });
          });
          f.get(o).get(q).add().get(best).v128Store();
          f.get(a).get(q).add().get(idx).v128Store();
        });
        f.inc(o, { local: CB }).inc(a, { local: CB });
      });
    });
  });
  return f;
}
