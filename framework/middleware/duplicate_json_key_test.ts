import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { duplicateJsonKey } from "./duplicate_json_key.ts";

Deno.test("duplicateJsonKey() finds a key repeated in one object, at any depth", () => {
  assertEquals(duplicateJsonKey('{"a":1,"a":2}'), "a");
  assertEquals(duplicateJsonKey('{"x":{"steps":1,"b":[1,{"c":2,"c":3}]}}'), "c");
  assertEquals(duplicateJsonKey('{"a":1,"\\u0061":2}'), "a");
  assertEquals(duplicateJsonKey('[{"a":1},{"a":2}]'), null);
  assertEquals(duplicateJsonKey('{"a":{"a":{"a":1}}}'), null);
  assertEquals(duplicateJsonKey('{"a":"a","b":"a"}'), null);
  assertEquals(duplicateJsonKey('{"a\\"":1,"a":2,"k":["a","a"]}'), null);
  assertEquals(duplicateJsonKey('{"q":"{\\"a\\":1,\\"a\\":2}"}'), null);
  assertEquals(duplicateJsonKey("[1,2,3]"), null);
});
