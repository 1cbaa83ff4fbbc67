import { ok as assert } from "node:assert/strict";
import { fitLatentLda } from "./latent_lda.ts";
import { createRng } from "../random/seeded_rng.ts";

Deno.test("fitLatentLda() separates Gaussian clusters and is split halfway between two", () => {
  const rng = createRng(2);
  const size = 3, n = 2000;
  const latents = new Float32Array(n * size), labels = new Uint8Array(n);
  const centre = (c: number) => [Math.cos(c), Math.sin(c), c / 5].map((v) => 4 * v);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 10;
    centre(labels[i]).forEach((v, d) => latents[i * size + d] = v + 0.3 * rng.normal());
  }
  const lda = fitLatentLda(latents, labels, size);
  // Halfway between the two classes' sample means: with equal counts and a shared
  // covariance, the discriminant must be split evenly there, whatever the noise drew.
  const mean = (c: number) =>
    Array.from({ length: size }, (_, d) => {
      let sum = 0;
      for (let i = c; i < n; i += 10) sum += latents[i * size + d];
      return sum / (n / 10);
    });
  const halfway = mean(3).map((v, d) => (v + mean(4)[d]) / 2);
  const p = lda.predict(Float32Array.from([...centre(3), ...halfway]));
  assert(p[3] > 0.99, `at its centre: ${p[3]}`);
  assert(Math.abs(p[13] - p[14]) < 0.05 && p[13] + p[14] > 0.95, `halfway: ${p.slice(10)}`);
});
