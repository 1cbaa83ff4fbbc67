/**
 * Browser entry point, bundled to static/build/client.js by build.ts:
 * hydrates the islands on the page.
 */
import { hydrateIslands } from "../framework/hydrate.ts";
import { ISLANDS } from "./_registry.ts";

hydrateIslands(document, ISLANDS).catch((error) => {
  console.error("island hydration failed:", error);
});
