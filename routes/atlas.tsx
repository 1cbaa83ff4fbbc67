import { Island } from "../framework/island.tsx";
import Atlas, { type AtlasCellView } from "../islands/Atlas.tsx";
import { Buffer } from "node:buffer";
import { digitToGray, encodeGrayPng } from "../lib/image/mod.ts";
import type { ServerModel } from "../server/model.ts";
import type { Handlers, PageProps } from "../server/state.ts";

/** What the atlas page shows; null when the model ships no atlas. */
export interface AtlasData {
  cells: AtlasCellView[] | null;
  names: string[];
  count: number;
}

/** Page title. */
export const title = "Confusion atlas · Muddle";

/** The cells' images and links are made once per server: the atlas ships with the model. */
export const handler: Handlers<AtlasData> = {
  GET(_req, ctx) {
    return ctx.render(ctx.state.once("atlas", () => atlasData(ctx.state.model)));
  },
};

function atlasData(model: ServerModel): AtlasData {
  const names = model.manifest.dataset?.classes ?? Array.from({ length: 10 }, (_, d) => String(d));
  const atlas = model.atlas;
  if (!atlas) return { cells: null, names, count: 0 };
  const cells = atlas.cells.map((c) => {
    const bytes = Buffer.from(c.example.image, "base64");
    const png = encodeGrayPng(digitToGray(Array.from(bytes, (b) => b / 255), model.imageSide, 2));
    return {
      digit: c.digit,
      partner: c.partner,
      holdout: c.holdoutSuccesses / c.count,
      ensemble: c.successes / c.count,
      count: c.count,
      image: `data:image/png;base64,${Buffer.from(png).toString("base64")}`,
      // The example's own path, the handle where boundary found it.
      href: `/?a=i${c.example.from}&b=i${c.example.to}&t=${c.example.t}`,
    };
  });
  return { cells, names, count: atlas.count };
}

/** The 10x10 grid of how often `boundary` muddles D towards P. */
export default function AtlasPage({ data }: PageProps<AtlasData>) {
  return (
    <div class="atlas-page">
      <section class="panel">
        <h1>Confusion atlas</h1>
        {data.cells
          ? (
            <>
              <p class="hint">
                Row D, column P: how often{" "}
                <code>boundary</code>, asked for a digit between D and P, makes one that a reader is
                split on ({data.count}{" "}
                outputs per pair), and the most balanced example. The holdout classifier never
                guides the method, so its figure is the fair one. Click a cell to open that
                example's path in the explorer.
              </p>
              <Island
                name="Atlas"
                component={Atlas}
                props={{ cells: data.cells, names: data.names }}
              />
            </>
          )
          : (
            <p class="hint">
              This model ships no atlas. Make one with{" "}
              <code>deno task eval --atlas --model DIR</code>; it is written into the model
              directory.
            </p>
          )}
      </section>
    </div>
  );
}
