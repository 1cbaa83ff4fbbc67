/**
 * Browser entry point, bundled to static/build/client.js by server/build.ts:
 * hydrates the islands on the page.
 */
import { hydrateIslands } from "./hydrate.ts";
import { ISLANDS } from "./island_registry.ts";

hydrateIslands(document, ISLANDS).catch((error) => {
  console.error("island hydration failed:", error);
});
