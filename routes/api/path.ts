/**
 * POST /api/path {"from": END, "to": END, "steps": 16}: decoded images and
 * judge probabilities at evenly spaced points from one end to the other.
 * END is {"digit": D} (the digit's centroid), {"index": i} (test image i)
 * or {"latent": [10 numbers]}; steps is 2..MAX_PATH_STEPS (default 16).
 * `marks` gives the explorer's F and S steps (lib/muddle/marks.ts): the step
 * whose nearer end is farthest, and the one the judges are most split on
 * between the ends' digits (null unless both ends have different digits).
 * `positions.umap` and `positions.pca` give each step's place on the two
 * maps, in the raw coordinates of test_umap.bin and test_pca.bin: the
 * explorer draws its path from the same function.
 */
import {
  parseObject,
  parseSteps,
  requireField,
  requireJsonNumber,
} from "../../lib/validation/api_input.ts";
import type { ServerModel } from "../../server/model.ts";
import type { Handlers } from "../../server/state.ts";
import { checkQuery, type Endpoint, jsonBodyOf, parseEndpoint } from "./_validate.ts";
import { pathMarks } from "../../lib/muddle/mod.ts";
import { roundAll } from "./decode.ts";
import { pathPositions } from "../../lib/latent/path_positions.ts";

/** Sweeps a path. */
export const handler: Handlers = {
  POST(req, ctx) {
    const { model } = ctx.state;
    checkQuery(ctx.url.searchParams, []);
    const body = parseObject(jsonBodyOf(req, ctx), ["from", "to", "steps"]);
    const from = parseEndpoint(
      requireField(body, "from"),
      "from",
      model.latentSize,
      model.testCount,
    );
    const to = parseEndpoint(requireField(body, "to"), "to", model.latentSize, model.testCount);
    const steps = body.steps === undefined
      ? 16
      : parseSteps(requireJsonNumber(body.steps, "steps"));
    const a = model.latentOf(from);
    const b = model.latentOf(to);
    const sweep = model.engine.sweepPath(a, b, steps);
    const pixels = model.imageSide * model.imageSide;
    const rows = <T>(n: number, size: number, f: (s: number, e: number) => T) =>
      Array.from({ length: n }, (_, i) => f(i * size, (i + 1) * size));
    return Response.json({
      steps,
      t: sweep.ts,
      from: { ...describe(model, from), latent: roundAll(a) },
      to: { ...describe(model, to), latent: roundAll(b) },
      images: rows(steps, pixels, (s, e) => roundAll(sweep.images.subarray(s, e))),
      probabilities: rows(steps, 10, (s, e) => roundAll(sweep.probabilities.subarray(s, e))),
      marks: marksOf(model, from, to, sweep.images, sweep.probabilities, steps),
      positions: positionsOf(model, a, b, sweep.ts),
    });
  },
};

function marksOf(
  model: ServerModel,
  from: Endpoint,
  to: Endpoint,
  images: Float32Array,
  probabilities: Float32Array,
  steps: number,
): { farthest: number; split: number | null } {
  const digitOf = (end: Endpoint) =>
    end.kind === "centroid" ? end.digit : end.kind === "image" ? model.testLabels[end.index] : null;
  const [da, db] = [digitOf(from), digitOf(to)];
  // A raw latent has no digit, so there is no pair for the judges to be split between.
  const marks = pathMarks(images, probabilities, steps, da ?? 0, db ?? 0);
  return da === null || db === null ? { ...marks, split: null } : marks;
}

/** Each step's [x, y] on both maps, rounded like the other numbers. */
function positionsOf(model: ServerModel, a: Float32Array, b: Float32Array, ts: number[]) {
  const { pca, umap } = pathPositions(model.placer, a, b, ts);
  const pairs = (xy: Float32Array) => ts.map((_, s) => roundAll(xy.subarray(2 * s, 2 * s + 2)));
  return { umap: pairs(umap), pca: pairs(pca) };
}

function describe(model: ServerModel, end: Endpoint): Record<string, number> {
  if (end.kind === "centroid") return { digit: end.digit };
  if (end.kind === "image") return { index: end.index, digit: model.testLabels[end.index] };
  return {};
}
