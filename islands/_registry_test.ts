import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { ISLANDS } from "./_registry.ts";

Deno.test("the island registry lists exactly the components in islands/", async () => {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL("./", import.meta.url))) {
    if (entry.isFile && /^[A-Z]\w*\.tsx$/.test(entry.name)) {
      files.push(entry.name.replace(".tsx", ""));
    }
  }
  assertEquals(Object.keys(ISLANDS).sort(), files.sort());
  for (const [name, load] of Object.entries(ISLANDS)) {
    const module = await load();
    assertEquals(typeof module.default, "function", `${name} default-exports a component`);
  }
});
