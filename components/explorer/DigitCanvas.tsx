import { useEffect, useRef } from "preact/hooks";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** Props of `DigitCanvas`. */
export interface DigitCanvasProps {
  /** 784 values in 0..1 (or 0..255 with `bytes`), or null while unknown. */
  image: ArrayLike<number> | null;
  /** Displayed side in CSS pixels. */
  size: number;
  label: string;
  /** Values are raw bytes 0..255. */
  bytes?: boolean;
  class?: string;
  testId?: string;
}

/** Paints one 28x28 digit, white ink on black, into a canvas scaled with crisp pixels. */
export function DigitCanvas(props: DigitCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext("2d")!;
    if (!props.image) {
      ctx.fillStyle = "#05070a";
      ctx.fillRect(0, 0, 28, 28);
      return;
    }
    const data = ctx.createImageData(28, 28);
    const scale = props.bytes ? 1 : 255;
    for (let i = 0; i < IMAGE_PIXELS; i++) {
      const v = Math.max(0, Math.min(255, Math.round(props.image[i] * scale)));
      data.data[4 * i] = v;
      data.data[4 * i + 1] = v;
      data.data[4 * i + 2] = v;
      data.data[4 * i + 3] = 255;
    }
    ctx.putImageData(data, 0, 0);
  }, [props.image]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      class={`digit ${props.class ?? ""}`}
      style={{ width: `${props.size}px`, height: `${props.size}px` }}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
    />
  );
}
