import { F32, FunctionBody, I32, V128 } from "./wasm_builder.ts";

/** adam(p, g, m, v, bytes, b1, b2, 1-b1, 1-b2, c1, c2, lr, eps): one Adam update, f32x4 at a time. */
export function adamBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32], []);
  const [P, G, M, V, BYTES] = [0, 1, 2, 3, 4];
  const scalars = [5, 6, 7, 8, 9, 10, 11, 12].map((i) => {
    const vec = f.local(V128);
    f.get(i).f32x4Splat().set(vec);
    return vec;
  });
  const [b1, b2, k1, k2, c1, c2, lr, eps] = scalars;
  const q = f.local(I32), g = f.local(V128), mv = f.local(V128), vv = f.local(V128);
  f.forVectors(q, BYTES, () => {
    f.get(G).get(q).add().v128Load().set(g);
    // m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²
    f.get(M).get(q).add().v128Load().get(b1).f32x4Mul().get(g).get(k1).f32x4Mul().f32x4Add().set(
      mv,
    );
    f.get(V).get(q).add().v128Load().get(b2).f32x4Mul();
    f.get(g).get(g).f32x4Mul().get(k2).f32x4Mul().f32x4Add().set(vv);
    f.get(M).get(q).add().get(mv).v128Store();
    f.get(V).get(q).add().get(vv).v128Store();
    // p -= lr (m c1) / (sqrt(v c2) + eps)
    f.get(P).get(q).add();
    f.get(P).get(q).add().v128Load();
    f.get(lr).get(mv).get(c1).f32x4Mul().f32x4Mul();
    f.get(vv).get(c2).f32x4Mul().f32x4Sqrt().get(eps).f32x4Add().f32x4Div();
    f.f32x4Sub().v128Store();
  });
  return f;
}
