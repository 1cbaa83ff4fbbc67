/**
 * The browser side of islands: find every element framework/island.tsx marked,
 * load that island's code (only the islands on the page are fetched) and
 * hydrate it with the props the server rendered it with.
 */
import { type ComponentType, h, hydrate } from "preact";

/** Loads one island module; its default export is the component. */
export type IslandLoader = () => Promise<{ default: ComponentType<Record<string, unknown>> }>;

/** The minimum of a DOM element hydration needs (lets tests pass plain objects). */
export interface IslandHost {
  getAttribute(name: string): string | null;
}

/** A marked element, its island name and its parsed props. */
export interface FoundIsland<E extends IslandHost> {
  element: E;
  name: string;
  props: Record<string, unknown>;
}

/**
 * Reads the islands marked below `root`. Throws a `TypeError` naming the
 * island when its props are not a JSON object or its name is unknown.
 */
export function findIslands<E extends IslandHost>(
  root: { querySelectorAll(selector: string): ArrayLike<E> },
  known: readonly string[],
): FoundIsland<E>[] {
  const found: FoundIsland<E>[] = [];
  const elements = root.querySelectorAll("[data-island]");
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const name = element.getAttribute("data-island") ?? "";
    if (!known.includes(name)) {
      throw new TypeError(`island "${name}" is not registered; known: ${known.join(", ")}`);
    }
    let props: unknown;
    try {
      props = JSON.parse(element.getAttribute("data-props") ?? "{}");
    } catch {
      throw new TypeError(`island "${name}" has props that are not valid JSON`);
    }
    if (typeof props !== "object" || props === null || Array.isArray(props)) {
      throw new TypeError(`island "${name}" props must be a JSON object`);
    }
    found.push({ element, name, props: props as Record<string, unknown> });
  }
  return found;
}

/** Finds, loads and hydrates every island in `root`; resolves when all are live. */
export async function hydrateIslands(
  root: ParentNode,
  registry: Record<string, IslandLoader>,
): Promise<void> {
  const islands = findIslands<Element>(root, Object.keys(registry));
  await Promise.all(islands.map(async ({ element, name, props }) => {
    const module = await registry[name]();
    hydrate(h(module.default, props), element);
    element.setAttribute("data-hydrated", "");
  }));
}
