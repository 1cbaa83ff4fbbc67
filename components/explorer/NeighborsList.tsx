import { useMemo } from "preact/hooks";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { argmax, type DigitModel, type Neighbor } from "./explore_types.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** Props of `NeighborsList`. */
export interface NeighborsListProps {
  title: string;
  neighbors: Neighbor[];
  /** Raw test pixels [testCount * 784] (neighbours among them show their real image). */
  testImages: Uint8Array | null;
  testCount: number;
  /** Latents of the map's points, for neighbours without pixels (training images). */
  latents: Float32Array | null;
  latentSize: number;
  model: DigitModel | null;
  /** Class names 0-9. */
  names: string[];
  /** Record judging a new set of neighbours as the performance measure "muddle:neighbors-judge". */
  measure?: boolean;
  onSelect(index: number): void;
}

/**
 * The nearest real images in latent space, nearest first: each with its
 * image, label, distance and the judge's reading; clicking one selects it.
 */
export function NeighborsList(props: NeighborsListProps) {
  const { neighbors, testImages, testCount, model, latents, latentSize: size } = props;
  const key = neighbors.map((n) => n.index).join(",");
  // Judged once per set of neighbours, not once per frame of a moving handle.
  const shown = useMemo(() => {
    const started = performance.now();
    const images = new Float32Array(neighbors.length * IMAGE_PIXELS);
    neighbors.forEach((n, row) => {
      if (testImages && n.index < testCount) {
        for (let p = 0; p < IMAGE_PIXELS; p++) {
          images[row * IMAGE_PIXELS + p] = testImages[n.index * IMAGE_PIXELS + p] / 255;
        }
      } else if (model && latents) {
        images.set(
          model.decode(latents.slice(n.index * size, (n.index + 1) * size)),
          row * IMAGE_PIXELS,
        );
      }
    });
    const readings = model && neighbors.length ? model.judge(images) : null;
    if (props.measure) {
      performance.measure("muddle:neighbors-judge", { start: started, end: performance.now() });
    }
    return neighbors.map((n, row) => {
      const p = readings?.subarray(row * 10, row * 10 + 10);
      const read = p ? argmax(p) : null;
      return {
        ...n,
        image: images.subarray(row * IMAGE_PIXELS, (row + 1) * IMAGE_PIXELS),
        read,
        p: p && read !== null ? p[read] : 0,
      };
    });
  }, [key, testImages, model]);
  if (neighbors.length === 0) return null;
  return (
    <section class="neighbors" aria-label={props.title}>
      <h3>{props.title}</h3>
      <ol data-testid="neighbors">
        {shown.map((n) => (
          <li key={n.index}>
            <button type="button" onClick={() => props.onSelect(n.index)} data-index={n.index}>
              <DigitCanvas image={n.image} size={28} label={`image #${n.index}`} />
              <span class="n-index">#{n.index}</span>
              <span class="n-digit">{props.names[n.digit]}</span>
              <span class="n-distance">{n.distance.toFixed(2)}</span>
              {n.read !== null && (
                <span class="n-read" title="the judge's reading">
                  reads {props.names[n.read]} {Math.round(n.p * 100)}%
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
