import { useMemo, useState } from "preact/hooks";
import { createNearestIndex } from "../../lib/latent/nearest_index.ts";
import { DrawPanel } from "./DrawPanel.tsx";
import type { DigitModel, DrawnDigit, MapPoints, Neighbor } from "./explore_types.ts";
import { NeighborsList } from "./NeighborsList.tsx";
import type { EndRef } from "./url_state.ts";
import type { MapPositions } from "./explore_types.ts";

/** Neighbours listed. */
const K = 8;

/** Props of `ExploreTools`. */
export interface ExploreToolsProps {
  points: MapPoints | null;
  model: DigitModel | null;
  testImages: Uint8Array | null;
  latentSize: number;
  centroids: number[][];
  names: string[];
  /** The latent under the handle, when a path is set. */
  handle: Float32Array | null;
  /** A picked image end, when there is no path yet. */
  anchor: number | null;
  /** Record each neighbour search as the performance measure "muddle:neighbors". */
  measure: boolean;
  onSelect(index: number): void;
  /** Fades every class but these (one or two), or none. */
  onFilter(classes: number[] | null): void;
  onDrawn(digit: DrawnDigit | null): void;
  /** Places a latent on the maps (raw coordinates), for encoding in the browser. */
  place: ((latent: ArrayLike<number>) => MapPositions) | null;
  /** Sets the path (a drawn digit's latent may be an end). */
  onPath(from: EndRef, to: EndRef | null, t: number): void;
}

/**
 * The explorer's side tools beyond the path: draw or upload a digit, the
 * nearest neighbours of the handle (or of a picked point) updated as it
 * moves, search by index and a filter to one class or a pair.
 */
export function ExploreTools(props: ExploreToolsProps) {
  const { points, latentSize, handle, anchor } = props;
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState("");
  const [pairWith, setPairWith] = useState("");
  const setFilterTo = (first: string, second: string) => {
    const other = first === "" || second === first ? "" : second;
    setFilter(first);
    setPairWith(other);
    props.onFilter(
      first === "" ? null : other === "" ? [Number(first)] : [Number(first), Number(other)],
    );
  };
  const [searchError, setSearchError] = useState<string | null>(null);
  // A k-d tree over the map's latents (10,000 or 70,000), built once per set.
  const index = useMemo(() => points ? createNearestIndex(points.latents, latentSize) : null, [
    points,
  ]);
  const focus = useMemo((): { title: string; neighbors: Neighbor[] } | null => {
    if (!index || !points) return null;
    const latent = handle ??
      (anchor !== null && anchor < points.count
        ? points.latents.subarray(anchor * latentSize, (anchor + 1) * latentSize)
        : null);
    if (!latent) return null;
    const started = performance.now();
    const found = index.nearest(latent, K, handle ? -1 : anchor!);
    if (props.measure) {
      performance.measure("muddle:neighbors", { start: started, end: performance.now() });
    }
    return {
      title: handle ? "Nearest to the handle" : `Nearest to image #${anchor}`,
      neighbors: found.indices.map((i, n) => ({
        index: i,
        digit: points.labels[i],
        distance: found.distances[n],
      })),
    };
  }, [index, handle, anchor]);

  // A drawn digit is encoded, placed and given its neighbours in the browser when the model
  // has the encoder and the map is loaded; otherwise DrawPanel asks /api/encode.
  const encodeHere = props.model?.encode && props.place && index && points
    ? (image: Float32Array): DrawnDigit | null => {
      const model = props.model!, latent = model.encode!(image);
      if (latent.length !== latentSize) return null; // a stand-in encoder (test fixtures)
      const found = index.nearest(latent, K);
      return {
        latent: Array.from(latent),
        positions: props.place!(latent),
        image: Array.from(image),
        reconstruction: Array.from(model.decode(latent)),
        probabilities: Array.from(model.judge(image)),
        neighbors: found.indices.map((i, n) => ({
          index: i,
          digit: points.labels[i],
          distance: found.distances[n],
        })),
      };
    }
    : null;
  const list = (title: string, neighbors: Neighbor[]) => (
    <NeighborsList
      title={title}
      neighbors={neighbors}
      testImages={props.testImages}
      testCount={points?.testCount ?? 0}
      latents={points?.latents ?? null}
      latentSize={latentSize}
      model={props.model}
      names={props.names}
      measure={props.measure}
      onSelect={props.onSelect}
    />
  );
  const search = (e: Event) => {
    e.preventDefault();
    const n = Number(query);
    const count = points?.testCount ?? 0;
    if (!/^\d+$/.test(query.trim()) || n >= count) {
      return setSearchError(`Enter a test image index from 0 to ${count - 1}.`);
    }
    setSearchError(null);
    props.onSelect(n);
  };
  return (
    <>
      <DrawPanel
        model={props.model}
        centroids={props.centroids}
        names={props.names}
        onDrawn={props.onDrawn}
        onPath={props.onPath}
        encodeHere={encodeHere}
        renderNeighbors={(d) => list("Nearest to your digit", d.neighbors)}
      />
      <section class="panel search-panel" aria-label="Search and filter">
        <form class="search-row" onSubmit={search}>
          <label>
            Image #
            <input
              type="text"
              inputMode="numeric"
              value={query}
              data-testid="search-index"
              onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Find</button>
          <label>
            Show
            <select
              value={filter}
              data-testid="filter-digit"
              onChange={(e) => setFilterTo((e.currentTarget as HTMLSelectElement).value, pairWith)}
            >
              <option value="">every class</option>
              {props.names.map((n, d) => <option key={d} value={String(d)}>{n}</option>)}
            </select>
          </label>
          <label>
            and
            <select
              value={pairWith}
              data-testid="filter-pair"
              disabled={filter === ""}
              onChange={(e) => setFilterTo(filter, (e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">no other</option>
              {props.names.map((n, d) =>
                String(d) === filter ? null : <option key={d} value={String(d)}>{n}</option>
              )}
            </select>
          </label>
        </form>
        {searchError && <p class="error" role="alert">{searchError}</p>}
        {focus && list(focus.title, focus.neighbors)}
      </section>
    </>
  );
}
