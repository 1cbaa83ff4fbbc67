import type { ConvGeometry } from "./conv_geometry.ts";

/**
 * Unrolls the input windows of a convolution into a matrix, so the
 * convolution becomes one matrix product.
 *
 * Rows are output pixels P = (n, outY, outX), columns are window entries
 * K = (filterY, filterX, inChannel), the filter's own order; entries that
 * fall in the padding are 0. The filter gradient reads this matrix
 * transposed in place (see `gemm`'s transposeA).
 */
export function im2col(
  x: Float32Array,
  g: ConvGeometry,
  out?: Float32Array,
): Float32Array {
  const { batch, inHeight, inWidth, inChannels: c, outHeight, outWidth } = g;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = g;
  const { dilationHeight: dh, dilationWidth: dw, padTop, padLeft } = g;
  const p = batch * outHeight * outWidth;
  const k = fh * fw * c;
  if (x.length < batch * inHeight * inWidth * c) {
    throw new RangeError(
      `im2col: input has ${x.length} values, geometry needs ${batch * inHeight * inWidth * c}`,
    );
  }
  const cols = out && out.length >= p * k ? out : new Float32Array(p * k);
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
            cols.fill(0, o, o + fw * c);
            o += fw * c;
            continue;
          }
          const rowBase = base + iy * rowStride;
          for (let kx = 0; kx < fw; kx++) {
            const ix = x0 + kx * dw;
            if (ix < 0 || ix >= inWidth) {
              cols.fill(0, o, o + c);
            } else {
              const src = rowBase + ix * c;
              for (let ci = 0; ci < c; ci++) cols[o + ci] = x[src + ci];
            }
            o += c;
          }
        }
      }
    }
  }
  return cols;
}
