import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { encodeIdx } from "./encode_idx.ts";
import { parseIdx } from "./parse_idx.ts";

Deno.test("encodeIdx() writes files that parseIdx() reads back as they were", () => {
  const images = Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 251);
  const parsed = parseIdx(encodeIdx("images", images, [3, 28, 28]), "x", {
    kind: "images",
    count: 3,
    rows: 28,
    cols: 28,
  });
  assertEquals([parsed.shape, Array.from(parsed.data)], [[3, 28, 28], Array.from(images)]);
  const labels = Uint8Array.from([4, 9, 0]);
  const back = parseIdx(encodeIdx("labels", labels, [3]), "y", { kind: "labels", count: 3 });
  assertEquals(Array.from(back.data), [4, 9, 0]);
  throws(() => encodeIdx("labels", labels, [4]), /shape \[4\] needs 4 bytes, got 3/);
});
