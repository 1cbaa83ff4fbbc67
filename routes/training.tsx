import { Buffer } from "node:buffer";
import { Island } from "../framework/island.tsx";
import { digitToGray, encodeGrayPng } from "../lib/image/mod.ts";
import type { ServerModel } from "../server/model.ts";
import type { Handlers, PageProps } from "../server/state.ts";
import LossChart, { type LossPoint } from "../islands/LossChart.tsx";

/** What the training page shows. */
export interface TrainingData {
  history: LossPoint[];
  summary: { label: string; value: string }[];
  /** Pairs of PNG data URLs: a test image and its reconstruction. */
  pairs: { digit: number; index: number; original: string; reconstruction: string }[];
}

/** Page title. */
export const title = "Training · Muddle";

const PER_DIGIT = 2;

/**
 * Reads the manifest's history and decodes a few test images for the grid,
 * once per server: none of it changes while the model is loaded.
 */
export const handler: Handlers<TrainingData> = {
  GET(_req, ctx) {
    return ctx.render(ctx.state.once("training", () => trainingData(ctx.state.model)));
  },
};

/** What the training page shows for `model`. */
function trainingData(model: ServerModel): TrainingData {
  const { manifest, latentSize, imageSide } = model;
  const pixels = imageSide * imageSide;
  const indices: number[] = [];
  for (let d = 0; d < 10; d++) {
    let found = 0;
    for (let i = 0; i < model.testCount && found < PER_DIGIT; i++) {
      if (model.testLabels[i] === d) {
        indices.push(i);
        found++;
      }
    }
  }
  const latents = new Float32Array(indices.length * latentSize);
  indices.forEach((i, row) =>
    latents.set(
      model.testLatents.subarray(i * latentSize, (i + 1) * latentSize),
      row * latentSize,
    )
  );
  const decoded = model.engine.decode(latents);
  const url = (values: ArrayLike<number>) =>
    `data:image/png;base64,${
      Buffer.from(encodeGrayPng(digitToGray(values, imageSide, 3))).toString("base64")
    }`;
  const pairs = indices.map((index, row) => ({
    digit: model.testLabels[index],
    index,
    original: url(
      Array.from(model.testImages.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255),
    ),
    reconstruction: url(decoded.subarray(row * pixels, (row + 1) * pixels)),
  }));
  const t = manifest.training;
  const history = (t?.history ?? []).map(({ epoch, trainLoss, testMse }) => ({
    epoch,
    trainLoss,
    testMse,
  }));
  const last = history[history.length - 1];
  const summary = [
    { label: "epochs", value: String(t?.epochs ?? history.length) },
    { label: "batch size", value: String(t?.batchSize ?? "?") },
    { label: "final test MSE", value: last ? last.testMse.toFixed(4) : "?" },
    { label: "backend", value: String(t?.backend ?? "?") },
    { label: "training time", value: t?.seconds ? `${Math.round(t.seconds / 60)} min` : "?" },
    ...Object.entries(manifest.judges ?? {}).map(([name, j]) => ({
      label: `${name} accuracy`,
      value: `${(j.testAccuracy * 100).toFixed(1)}%`,
    })),
  ];
  return { history, summary, pairs };
}

/** Loss curves per epoch and test images beside their reconstructions. */
export default function TrainingPage({ data }: PageProps<TrainingData>) {
  return (
    <div class="training">
      <section class="panel">
        <h1>How the autoencoder learned</h1>
        <dl class="summary">
          {data.summary.map((s) => (
            <div>
              <dt>{s.label}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
        </dl>
        <Island name="LossChart" component={LossChart} props={{ history: data.history }} />
      </section>
      <section class="panel">
        <h2>Test images and their reconstructions</h2>
        <p class="hint">
          Left: the real MNIST test image. Right: encoded to 10 numbers and decoded.
        </p>
        <ul class="pairs">
          {data.pairs.map((p) => (
            <li>
              <img
                src={p.original}
                width={56}
                height={56}
                alt={`test image ${p.index}, a ${p.digit}`}
              />
              <img src={p.reconstruction} width={56} height={56} alt={`its reconstruction`} />
              <span>#{p.index}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
