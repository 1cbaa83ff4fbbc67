import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { parseLayersModelJson } from "./layers_model_json.ts";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

Deno.test("parseLayersModelJson() reads the topology and every weight in file order", () => {
  const weights = [{ name: "a", shape: [2], dtype: "float32" }];
  const more = [{ name: "b", shape: [1, 3], dtype: "float32" }];
  const parsed = parseLayersModelJson(
    bytes({
      modelTopology: { class_name: "Sequential" },
      weightsManifest: [{ weights }, { weights: more }],
    }),
    "decoder/model.json",
  );
  assertEquals(parsed.modelTopology, { class_name: "Sequential" });
  assertEquals(parsed.specs.map((s) => s.name), ["a", "b"]);
});

Deno.test("parseLayersModelJson() names the file when it is not a layers-model", () => {
  throws(
    () => parseLayersModelJson(new TextEncoder().encode("{oops"), "judge/model.json"),
    /^TypeError: judge\/model.json: not valid JSON/,
  );
  throws(
    () => parseLayersModelJson(bytes({ modelTopology: {} }), "judge/model.json"),
    /judge\/model.json: expected a tfjs layers-model with modelTopology and weightsManifest/,
  );
});
