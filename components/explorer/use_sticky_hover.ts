import { useCallback, useRef, useState } from "preact/hooks";
import type { Hover } from "../map/MapView.tsx";

/** Which way the hover card opens: left of / above the pointer near the right / bottom edge. */
export function cardFlips(h: Hover): { flipX: boolean; flipY: boolean } {
  return { flipX: h.x > h.width - 170, flipY: h.y > h.height - 130 };
}

/** How far the pointer may travel towards the card while the card stays put (CSS pixels). */
const REACH = 90;
/** How long the card waits for the pointer heading to it. */
const LINGER_MS = 400;

/**
 * The hovered point, with a card the pointer can reach: while the pointer
 * heads towards the card (over other points or none) the card stays for a
 * moment, and while the pointer is on the card it stays.
 */
export function useStickyHover(): {
  hover: Hover | null;
  setHover(next: Hover | null): void;
  cardEnter(): void;
  cardLeave(): void;
  dismiss(): void;
} {
  const [hover, setShown] = useState<Hover | null>(null);
  const shown = useRef<Hover | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCard = useRef(false);
  const apply = useCallback((next: Hover | null) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    shown.current = next;
    setShown(next);
  }, []);
  const setHover = useCallback((next: Hover | null) => {
    if (onCard.current) return;
    const from = shown.current;
    if (from && next?.index !== from.index && (!next || towards(from, next))) {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => !onCard.current && apply(next), LINGER_MS);
      return;
    }
    apply(next);
  }, []);
  const cardEnter = useCallback(() => {
    onCard.current = true;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  const cardLeave = useCallback(() => {
    onCard.current = false;
    apply(null);
  }, []);
  return { hover, setHover, cardEnter, cardLeave, dismiss: cardLeave };
}

/** Whether the pointer moved from `from` towards the side its card opens on, and not far. */
function towards(from: Hover, to: Hover): boolean {
  const { flipX, flipY } = cardFlips(from);
  const dx = to.x - from.x, dy = to.y - from.y;
  return (flipX ? dx <= 0 : dx >= 0) && (flipY ? dy <= 0 : dy >= 0) &&
    Math.hypot(dx, dy) < REACH;
}
