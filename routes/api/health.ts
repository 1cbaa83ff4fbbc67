/**
 * GET /api/health: liveness, the model served (its id is the sha256 of its
 * manifest.json, as the page and /static/model/manifest.json show) and the
 * tfjs tensor count.
 */
import * as tf from "@tensorflow/tfjs";
import type { Handlers } from "../../server/state.ts";
import { API_ENDPOINTS } from "./_endpoints.ts";

/** The endpoints, one line each: `GET /api/muddle?from=...`, `POST /api/decode {...}`. */
const ENDPOINT_LINES = API_ENDPOINTS.map((e) =>
  e.method === "GET" ? `GET ${e.path}${e.example}` : `POST ${e.path} ${e.example}`
);

/** Answers 200 with a JSON summary of the running model. */
export const handler: Handlers = {
  GET(_req, ctx) {
    const { manifest, testCount, latentSize, id } = ctx.state.model;
    return Response.json({
      status: "ok",
      model: {
        id,
        createdAt: manifest.createdAt,
        epochs: manifest.training?.epochs,
        latentSize,
        testCount,
        ...(manifest.dataset?.classes ? { classes: manifest.dataset.classes } : {}),
        judges: Object.fromEntries(
          Object.entries(manifest.judges ?? {}).map(([k, v]) => [k, v.testAccuracy]),
        ),
      },
      tensors: tf.memory().numTensors,
      endpoints: ENDPOINT_LINES,
    });
  },
};
