import { FunctionBody, I32, V128 } from "./wasm_builder.ts";

/** The activation codes of biasAct/actGrad. */
export const ACTIVATIONS = ["linear", "relu", "sigmoid"];

/** Vector width in floats for a channel count: 4 for 1, 2 and 4, the count for multiples of 4. */
export function lanesFor(channels: number): number {
  if (channels === 1 || channels === 2) return 4;
  return channels > 0 && channels % 4 === 0 ? channels : 0;
}

/**
 * Pushes sigmoid(v) = 1 / (1 + exp(-v)) for the f32x4 on the stack. exp(t) =
 * 2^n · 2^f with n = nearest(t·log2 e) and a degree-6 Taylor polynomial for
 * 2^f, |f| <= 0.5 (relative error about 2e-7); t is clamped to [-87, 87] so
 * 2^n stays a normal float.
 */
function sigmoid(f: FunctionBody, v: number, t: number, n: number) {
  const splat = (x: number) => f.f32(x).f32x4Splat();
  // t = clamp(-v, -87, 87) · log2(e)
  f.get(v).f32x4Neg();
  splat(87).f32x4Min();
  splat(-87).f32x4Max();
  splat(Math.LOG2E).f32x4Mul().set(t);
  f.get(t).f32x4Nearest().set(n);
  // f = t - n, then 2^f = Σ (f ln2)^k / k!, by Horner.
  f.get(t).get(n).f32x4Sub().set(t);
  const coefficients = [1, 2, 3, 4, 5, 6].map((k) =>
    Math.pow(Math.LN2, k) / [1, 2, 6, 24, 120, 720][k - 1]
  );
  splat(coefficients[5]);
  for (let k = 4; k >= 0; k--) f.get(t).f32x4Mul().f32(coefficients[k]).f32x4Splat().f32x4Add();
  f.get(t).f32x4Mul().f32(1).f32x4Splat().f32x4Add();
  // · 2^n, built from the exponent bits: (n + 127) << 23.
  f.get(n).i32x4TruncSatF32x4S().i32(127).i32x4Splat().i32x4Add().i32(23).i32x4Shl();
  f.f32x4Mul();
  // 1 / (1 + e)
  f.set(t);
  splat(1).get(t).f32(1).f32x4Splat().f32x4Add().f32x4Div();
}

/** biasAct(y, bias, rows, rowBytes, act): y[r, :] += bias, then act (0 linear, 1 relu, 2 sigmoid). */
export function biasActBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32], []);
  const [Y, BIAS, ROWS, CB, ACT] = [0, 1, 2, 3, 4];
  const p = f.local(I32), end = f.local(I32), q = f.local(I32), zero = f.local(V128);
  const v = f.local(V128), t = f.local(V128), n = f.local(V128);
  f.v128Zero().set(zero);
  f.get(ROWS).get(CB).mul().get(Y).add().set(end);
  ACTIVATIONS.forEach((_, code) => {
    f.get(ACT).i32(code).eq().if();
    f.get(Y).set(p).block().loop();
    f.get(p).get(end).geU().brIf(1);
    f.forVectors(q, CB, () => {
      f.get(p).get(q).add().v128Load().get(BIAS).get(q).add().v128Load().f32x4Add().set(v);
      f.get(p).get(q).add();
      if (code === 1) f.get(v).get(zero).f32x4Max();
      else if (code === 2) sigmoid(f, v, t, n);
      else f.get(v);
      f.v128Store();
    });
    f.inc(p, { local: CB }).br(0).end().end();
    f.end();
  });
  return f;
}

/** actGrad(dy, y, bytes, act): dy *= act'(y) (1 relu: y > 0; 2 sigmoid: y (1 - y)). */
export function actGradBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [DY, Y, BYTES, ACT] = [0, 1, 2, 3];
  const q = f.local(I32), zero = f.local(V128), y = f.local(V128);
  f.v128Zero().set(zero);
  f.get(ACT).i32(1).eq().if();
  f.forVectors(q, BYTES, () => {
    f.get(DY).get(q).add();
    f.get(DY).get(q).add().v128Load();
    f.get(Y).get(q).add().v128Load().get(zero).f32x4Gt();
    f.v128And().v128Store();
  });
  f.else();
  f.forVectors(q, BYTES, () => {
    f.get(Y).get(q).add().v128Load().set(y);
    f.get(DY).get(q).add();
    f.get(DY).get(q).add().v128Load().get(y).f32x4Mul();
    f.f32(1).f32x4Splat().get(y).f32x4Sub().f32x4Mul();
    f.v128Store();
  });
  f.end();
  return f;
}

/** biasGrad(dz, out, rows, rowBytes): out = sum of dz's rows. */
export function biasGradBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [DZ, OUT, ROWS, CB] = [0, 1, 2, 3];
  const p = f.local(I32), end = f.local(I32), q = f.local(I32);
  f.forVectors(q, CB, () => f.get(OUT).get(q).add().v128Zero().v128Store());
  f.get(ROWS).get(CB).mul().get(DZ).add().set(end);
  f.get(DZ).set(p).block().loop();
  f.get(p).get(end).geU().brIf(1);
  f.forVectors(q, CB, () => {
    f.get(OUT).get(q).add();
    f.get(OUT).get(q).add().v128Load().get(p).get(q).add().v128Load().f32x4Add();
    f.v128Store();
  });
  f.inc(p, { local: CB }).br(0).end().end();
  return f;
}
