/**
 * The sizes of one 2D convolution in NHWC layout, with a filter laid out as
 * tfjs lays it out: [filterHeight, filterWidth, inChannels, outChannels].
 * "in" and "out" are the forward convolution's input and output; the
 * backward kernels and transposed convolutions use the same geometry.
 */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/** The fields of tfjs's `backend_util.Conv2DInfo` that a geometry needs. */
export interface ConvInfoLike {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number };
  dataFormat: string;
}

/**
 * Converts tfjs's convolution info (from `backend_util.computeConv2DInfo`) to a
 * geometry, so that padding rules ("same", "valid", explicit) stay tfjs's own.
 */
export function geometryFromConvInfo(info: ConvInfoLike): ConvGeometry {
  if (info.dataFormat !== "channelsLast") {
    throw new TypeError(
      `convolution kernels support NHWC (channelsLast) only, got ${info.dataFormat}`,
    );
  }
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
