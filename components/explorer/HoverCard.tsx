import { DIGIT_COLORS } from "./colors.ts";
import { DigitCanvas } from "./DigitCanvas.tsx";

/** Props of `HoverCard`. */
export interface HoverCardProps {
  /** Pointer position in the map's CSS pixels. */
  x: number;
  y: number;
  /** Show the card left of / above the pointer (near the right / bottom edge). */
  flipX: boolean;
  flipY: boolean;
  index: number;
  digit: number;
  /** Whether the point is a test image (only those have shipped pixels). */
  isTest: boolean;
  /** Raw pixels 0..255, or null while loading / for training points. */
  real: ArrayLike<number> | null;
  /** The reconstruction in 0..1, or null while the decoder loads. */
  decoded: ArrayLike<number> | null;
}

/** The card beside the pointer: a point's real image and its reconstruction. */
export function HoverCard(props: HoverCardProps) {
  return (
    <div
      class="tooltip"
      style={{
        left: `${props.x + (props.flipX ? -14 : 14)}px`,
        top: `${props.y + (props.flipY ? -14 : 14)}px`,
        transform: `translate(${props.flipX ? "-100%" : "0"}, ${props.flipY ? "-100%" : "0"})`,
      }}
      aria-hidden="true"
    >
      <div class="pair">
        <figure>
          <DigitCanvas image={props.real} bytes size={56} label="real image" />
          <figcaption>{props.isTest ? "real" : "train"}</figcaption>
        </figure>
        <figure>
          <DigitCanvas image={props.decoded} size={56} label="reconstruction" />
          <figcaption>decoded</figcaption>
        </figure>
      </div>
      <p>
        <span class="dot" style={{ background: DIGIT_COLORS[props.digit] }} />
        a {props.digit} · #{props.index}
      </p>
    </div>
  );
}
