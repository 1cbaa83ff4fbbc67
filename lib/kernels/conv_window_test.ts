import { deepEqual, ok } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { convWindow } from "./conv_window.ts";

Deno.test("convWindow() gives tfjs's output sizes and padding for every stride, dilation and padding", () => {
  let checked = 0;
  for (const size of [1, 2, 3, 5, 7, 14, 28]) {
    for (const filter of [1, 2, 3, 5]) {
      for (const stride of [1, 2, 3]) {
        for (const dilation of [1, 2]) {
          for (const padding of ["same", "valid"] as const) {
            const effective = filter + (filter - 1) * (dilation - 1);
            if (padding === "valid" && effective > size) continue;
            // tfjs forbids strides > 1 together with dilations > 1.
            if (stride > 1 && dilation > 1) continue;
            const info = tf.backend_util.computeConv2DInfo(
              [1, size, size + 1, 2],
              [filter, filter, 2, 3],
              [stride, stride],
              [dilation, dilation],
              padding,
            );
            const ours = convWindow(
              [size, size + 1],
              [filter, filter],
              [stride, stride],
              [dilation, dilation],
              padding,
            );
            deepEqual(ours, {
              outHeight: info.outHeight,
              outWidth: info.outWidth,
              padTop: info.padInfo.top,
              padLeft: info.padInfo.left,
            }, `size ${size} filter ${filter} stride ${stride} dilation ${dilation} ${padding}`);
            checked++;
          }
        }
      }
    }
  }
  ok(checked > 100, `only ${checked} cases checked`);
});
