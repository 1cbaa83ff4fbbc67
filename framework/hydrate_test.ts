import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { findIslands } from "./hydrate.ts";

/** A stand-in for a marked DOM element. */
function element(attrs: Record<string, string>) {
  return { getAttribute: (name: string) => attrs[name] ?? null };
}
const root = (...elements: ReturnType<typeof element>[]) => ({
  querySelectorAll: (selector: string) => {
    assertEquals(selector, "[data-island]");
    return elements;
  },
});

Deno.test("findIslands() reads each marked island's name and JSON props", () => {
  const a = element({ "data-island": "Explorer", "data-props": '{"steps":16,"query":"?a=c3"}' });
  const b = element({ "data-island": "LossChart", "data-props": '{"history":[]}' });
  const found = findIslands(root(a, b), ["Explorer", "LossChart"]);
  assertEquals(found.map((f) => [f.name, f.props]), [
    ["Explorer", { steps: 16, query: "?a=c3" }],
    ["LossChart", { history: [] }],
  ]);
  assertEquals(found[0].element, a);
});

Deno.test("findIslands() names the island whose props are broken or whose name is unknown", () => {
  const broken = element({ "data-island": "Explorer", "data-props": "{oops" });
  assertThrows(
    () => findIslands(root(broken), ["Explorer"]),
    /"Explorer" has props that are not valid JSON/,
  );
  const list = element({ "data-island": "Explorer", "data-props": "[1]" });
  assertThrows(() => findIslands(root(list), ["Explorer"]), /must be a JSON object/);
  const unknown = element({ "data-island": "Nope", "data-props": "{}" });
  assertThrows(() => findIslands(root(unknown), ["Explorer"]), /"Nope" is not registered/);
});
