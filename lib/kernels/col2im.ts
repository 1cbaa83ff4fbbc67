import type { ConvGeometry } from "./conv_geometry.ts";

/**
 * The adjoint of `im2col` (row layout [P, K]): adds every window entry back
 * onto the input pixel it came from, into `out` (cleared first). Entries that
 * fall in the padding are dropped.
 */
export function col2im(cols: Float32Array, g: ConvGeometry, out?: Float32Array): Float32Array {
  const { batch, inHeight, inWidth, inChannels: c, outHeight, outWidth } = g;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = g;
  const { dilationHeight: dh, dilationWidth: dw, padTop, padLeft } = g;
  const size = batch * inHeight * inWidth * c;
  if (cols.length < batch * outHeight * outWidth * fh * fw * c) {
    throw new RangeError(`col2im: ${cols.length} window values are too few for the geometry`);
  }
  const x = out && out.length >= size ? out : new Float32Array(size);
  x.fill(0, 0, size);
  const rowStride = inWidth * c;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const base = n * inHeight * rowStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * sh - padTop;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * sw - padLeft;
        for (let ky = 0; ky < fh; ky++) {
          const iy = y0 + ky * dh;
          if (iy < 0 || iy >= inHeight) {
            o += fw * c;
            continue;
          }
          const rowBase = base + iy * rowStride;
          for (let kx = 0; kx < fw; kx++) {
            const ix = x0 + kx * dw;
            if (ix >= 0 && ix < inWidth) {
              const dst = rowBase + ix * c;
              for (let ci = 0; ci < c; ci++) x[dst + ci] += cols[o + ci];
            }
            o += c;
          }
        }
      }
    }
  }
  return x;
}
