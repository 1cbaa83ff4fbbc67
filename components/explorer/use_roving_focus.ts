/**
 * Roving tabindex (WAI-ARIA toolbar pattern): a group of buttons is one Tab
 * stop; the arrow keys, Home and End move between them. The last one focused
 * keeps the stop, so Tab brings a person back where they were.
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** Makes the enabled `selector` items inside `ref` one Tab stop with arrow-key moves. */
export function useRovingFocus(ref: RefObject<HTMLElement>, selector = "button"): void {
  const current = useRef(0);
  // After every render: the items may have changed (enabled, added, removed).
  useEffect(() => {
    const items = enabled(ref.current, selector);
    if (items.length === 0) return;
    current.current = Math.min(current.current, items.length - 1);
    items.forEach((item, i) => item.tabIndex = i === current.current ? 0 : -1);
  });
  useEffect(() => {
    const root = ref.current!;
    const onFocus = (e: FocusEvent) => {
      const i = enabled(root, selector).indexOf(e.target as HTMLElement);
      if (i < 0) return;
      current.current = i;
      enabled(root, selector).forEach((item, j) => item.tabIndex = j === i ? 0 : -1);
    };
    const onKey = (e: KeyboardEvent) => {
      const items = enabled(root, selector);
      const i = items.indexOf(e.target as HTMLElement);
      if (i < 0) return;
      const next = e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (i + 1) % items.length
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
        ? (i - 1 + items.length) % items.length
        : e.key === "Home"
        ? 0
        : e.key === "End"
        ? items.length - 1
        : -1;
      if (next < 0) return;
      // These keys move the handle elsewhere in the explorer; here they move focus only.
      e.preventDefault();
      e.stopPropagation();
      items[next].focus();
    };
    root.addEventListener("focusin", onFocus);
    root.addEventListener("keydown", onKey);
    return () => {
      root.removeEventListener("focusin", onFocus);
      root.removeEventListener("keydown", onKey);
    };
  }, []);
}

function enabled(root: HTMLElement | null, selector: string): HTMLElement[] {
  if (!root) return [];
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) =>
    !(el as HTMLButtonElement).disabled
  );
}
