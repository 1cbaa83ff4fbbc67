import { DIGIT_COLORS } from "./colors.ts";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { className } from "./class_name.ts";

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
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
  /** Muddle this test image (absent for training points); the card stays while the pointer is on it. */
  onMuddle?(): void;
  onEnter?(): void;
  onLeave?(): void;
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
      data-index={props.index}
      onPointerEnter={props.onEnter}
      onPointerLeave={props.onLeave}
    >
      <div class="pair" aria-hidden="true">
        <figure>
          <DigitCanvas image={props.real} bytes size={56} label="real image" />
          <figcaption>{props.isTest ? "real" : "train"}</figcaption>
        </figure>
        <figure>
          <DigitCanvas image={props.decoded} size={56} label="reconstruction" />
          <figcaption>decoded</figcaption>
        </figure>
      </div>
      <p aria-hidden="true">
        <span class="dot" style={{ background: DIGIT_COLORS[props.digit] }} />
        a {className(props.names, props.digit)} · #{props.index}
      </p>
      {props.onMuddle && props.isTest && (
        <button
          type="button"
          class="hover-muddle"
          data-testid="hover-muddle"
          onClick={props.onMuddle}
          aria-label={`Muddle this digit: test image #${props.index}, a ${
            className(props.names, props.digit)
          }, with boundary`}
        >
          Muddle this digit
        </button>
      )}
    </div>
  );
}
