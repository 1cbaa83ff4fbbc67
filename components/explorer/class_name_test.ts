import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { className } from "./class_name.ts";

Deno.test("className: the name when given, else the digit", () => {
  const names = [
    "T-shirt",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Boot",
  ];
  assertEquals(className(names, 1), "Trouser");
  assertEquals(className(names, 9), "Boot");
  assertEquals(className(undefined, 3), "3");
  assertEquals(className([], 0), "0");
});
