import { useEffect, useMemo, useRef } from "preact/hooks";
import { useRovingFocus } from "./use_roving_focus.ts";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";
import { className } from "./class_name.ts";

/** Props of `Strip`. */
export interface StripProps {
  ts: number[];
  /** [steps * 784]. */
  images: Float32Array;
  t: number;
  farthest: number;
  split: number | null;
  onT(t: number): void;
  /** Class names 0-9 (absent: the digits), with the ends' classes for the strip's ends. */
  names?: string[];
  ends?: [number, number];
}

/** The decoded digits at even steps along the path; each is a button that moves the handle there. */
export function Strip({ ts, images, t, farthest, split, onT, names, ends }: StripProps) {
  // One view per step, kept while the sweep is the same, so moving t repaints nothing.
  const cells = useMemo(
    () => ts.map((_, i) => images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS)),
    [ts, images],
  );
  const ref = useRef<HTMLOListElement>(null);
  useRovingFocus(ref);
  let nearest = 0;
  ts.forEach((u, i) => {
    if (Math.abs(u - t) < Math.abs(ts[nearest] - t)) nearest = i;
  });
  // On a phone the strip scrolls sideways: keep the current cell in view (sideways only,
  // so the page itself never jumps).
  useEffect(() => {
    const list = ref.current;
    const cell = list?.children[nearest] as HTMLElement | undefined;
    if (!list || !cell || list.scrollWidth <= list.clientWidth) return;
    const left = cell.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + cell.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = left - (list.clientWidth - cell.offsetWidth) / 2;
    }
  }, [nearest]);
  return (
    <ol ref={ref} class="strip" aria-label={`${ts.length} decoded digits along the path`}>
      {ts.map((u, i) => (
        <li class={i === nearest ? "current" : ""}>
          <button
            type="button"
            onClick={() => onT(u)}
            aria-label={`Move the handle to t = ${u.toFixed(2)}${
              i === farthest ? " (farthest)" : ""
            }${i === split ? " (most split)" : ""}`}
          >
            <DigitCanvas image={cells[i]} size={44} label="" />
            <span class="t">{u.toFixed(2)}</span>
            {names && ends && (i === 0 || i === ts.length - 1) && (
              <span class="end-name" data-testid="strip-end">
                {className(names, ends[i === 0 ? 0 : 1])}
              </span>
            )}
            {i === farthest && (
              <span class="badge farthest" title="farthest from both ends">
                F
              </span>
            )}
            {i === split && <span class="badge split" title="the judge is most split here">S</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
