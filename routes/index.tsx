import Explorer, { type ExplorerProps } from "../islands/Explorer.tsx";
import { Island } from "../framework/island.tsx";
import type { Handlers, PageProps } from "../server/state.ts";

/** Page title. */
export const title = "Muddle · between two digits";

/** The map's arrays (the default view), fetched while the island's code loads. */
export const preload = ["labels", "latents", "pca", "umap"].map((k) =>
  `/static/model/test_${k}.bin`
);

/** What the page renders: the island's props and the id of the model they come from. */
export interface HomeData {
  explorer: ExplorerProps;
  /** The served model's id (sha256 of its manifest.json), as /api/health reports it. */
  modelId: string;
}

/** Passes the model's shape and the view in the URL to the explorer island. */
export const handler: Handlers<HomeData> = {
  GET(_req, ctx) {
    const { manifest, latentSize, testCount, centroids, id } = ctx.state.model;
    const explorer: ExplorerProps = {
      modelBase: "/static/model/",
      latentSize,
      testCount,
      trainCount: manifest.files["train_latents.bin"] ? manifest.dataset.trainCount : 0,
      centroids: centroids.map((row) => row.map((v) => Math.round(v * 1e5) / 1e5)),
      query: ctx.url.search,
      steps: 16,
      ...(manifest.dataset?.classes ? { classNames: manifest.dataset.classes } : {}),
    };
    return ctx.render({ explorer, modelId: id });
  },
};

/** The explorer: intro line, then the island. */
export default function Home({ data }: PageProps<HomeData>) {
  return (
    <>
      <p class="intro">
        Every dot is a handwritten digit, placed by the 10 numbers the autoencoder squeezed it into.
        Pick two ends, slide along the path between them, and find the digit that could be either.
      </p>
      <noscript>
        <p class="error">
          The map needs JavaScript. The HTTP API works without it: see /api/health.
        </p>
      </noscript>
      <Island name="Explorer" component={Explorer} props={data.explorer} />
      <p class="model-id">
        model{" "}
        <code data-model-id={data.modelId} title={data.modelId}>{data.modelId.slice(0, 12)}</code>
      </p>
    </>
  );
}
