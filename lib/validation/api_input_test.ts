import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import {
  MAX_LATENT_ABS,
  parseDigit,
  parseLatent,
  parseMethod,
  parseSeed,
  parseSteps,
  parseT,
  ValidationError,
} from "./api_input.ts";

const rejects = (fn: () => unknown, words: string) =>
  assertThrows(fn, (e: unknown) => e instanceof ValidationError && e.message.includes(words));

Deno.test("parseDigit() accepts 0-9 as numbers or plain query strings only", () => {
  assertEquals(parseDigit(0), 0);
  assertEquals(parseDigit("9"), 9);
  for (const bad of [10, -1, 1.5, "1.5", "", " 3", "0x3", "Infinity", NaN, null, true, [3], "٣"]) {
    rejects(() => parseDigit(bad), "digit must be an integer from 0 to 9");
  }
});

Deno.test("parseT() accepts finite numbers in [0, 1]", () => {
  assertEquals(parseT("0.25"), 0.25);
  assertEquals(parseT(1), 1);
  assertEquals(parseT("1e-3"), 0.001);
  for (const bad of [-0.01, 1.0001, "NaN", "Infinity", Infinity, "1e999", "", "abc", {}]) {
    rejects(() => parseT(bad), "t must be");
  }
});

Deno.test("parseLatent() wants exactly n finite numbers within the documented bound", () => {
  assertEquals(Array.from(parseLatent([1, -2, 0], 3)), [1, -2, 0]);
  rejects(() => parseLatent([1, 2], 3), "array of 3 numbers, got an array of 2");
  rejects(() => parseLatent("1,2,3", 3), "array of 3 numbers");
  rejects(() => parseLatent([1, "2", 3], 3), "latent[1] must be a finite number");
  rejects(() => parseLatent([1, 2, null], 3), "latent[2]");
  rejects(() => parseLatent([1, 2, 1e308 * 10], 3), "latent[2]");
  rejects(() => parseLatent([MAX_LATENT_ABS + 1, 2, 3], 3), `±${MAX_LATENT_ABS}`);
});

Deno.test("parseSteps(), parseSeed() and parseMethod() enforce their ranges and names", () => {
  assertEquals(parseSteps(16), 16);
  rejects(() => parseSteps(1), "from 2 to 64");
  rejects(() => parseSteps(1e9), "from 2 to 64");
  assertEquals(parseSeed("4294967295"), 4294967295);
  rejects(() => parseSeed(-1), "seed must be an integer");
  rejects(() => parseSeed(2 ** 32), "seed must be an integer");
  assertEquals(parseMethod("boundary"), "boundary");
  rejects(() => parseMethod("BOUNDARY"), "one of avg, farthest, boundary");
  rejects(() => parseMethod("x".repeat(1000)), 'got "xxx');
  assertEquals(
    (() => {
      try {
        parseMethod("x".repeat(1000));
      } catch (e) {
        return (e as Error).message.length < 120;
      }
    })(),
    true,
  );
});
