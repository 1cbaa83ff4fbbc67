/**
 * The explorer's keyboard: arrows, Home and End move the handle; + and -
 * zoom; W A S D pan (the arrows already move the handle), Shift for bigger steps.
 */
import { stepT } from "./step_t.ts";

/** A pan step from the buttons or W A S D, and with Shift: shares of the map's size. */
export const PAN_SMALL = 0.15;
export const PAN_BIG = 0.5;

/** What a key may do. */
export interface KeyTargets {
  t: number;
  /** Whether both ends are set (the arrows only move a handle that exists). */
  hasPath: boolean;
  setT(t: number): void;
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
}

/** The action of a key press, or null when the key is not the explorer's. */
export function keyAction(e: KeyboardEvent, targets: KeyTargets): (() => void) | null {
  const tag = (e.target as HTMLElement).tagName;
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return null;
  const { t, setT, zoomBy, panBy } = targets;
  const step = e.shiftKey ? 0.1 : 0.01;
  const panShare = e.shiftKey ? PAN_BIG : PAN_SMALL;
  const keys: Record<string, () => void> = {
    ArrowRight: () => setT(stepT(t, step, 1)),
    ArrowUp: () => setT(stepT(t, step, 1)),
    ArrowLeft: () => setT(stepT(t, step, -1)),
    ArrowDown: () => setT(stepT(t, step, -1)),
    Home: () => setT(0),
    End: () => setT(1),
    "+": () => zoomBy(1.5),
    "=": () => zoomBy(1.5),
    "-": () => zoomBy(1 / 1.5),
    w: () => panBy(0, -panShare),
    a: () => panBy(-panShare, 0),
    s: () => panBy(0, panShare),
    d: () => panBy(panShare, 0),
  };
  // Letters match either case (Shift is the big step), but not as Ctrl/Alt/Cmd shortcuts.
  const letter = e.key.length === 1 && /[a-z]/i.test(e.key);
  if (letter && (e.ctrlKey || e.altKey || e.metaKey)) return null;
  const action = keys[letter ? e.key.toLowerCase() : e.key];
  if (!action || (e.key.startsWith("Arrow") && !targets.hasPath)) return null;
  return action;
}
