/**
 * The HTTP API's endpoints, described once: the API page (routes/api/index.tsx)
 * shows them with examples, and GET /api/health lists them.
 */

/** One endpoint: what it takes, what it answers, and a request that works. */
export interface ApiEndpoint {
  method: "GET" | "POST";
  path: string;
  input: string;
  answer: string;
  /** For GET, the query string; for POST, the body: JSON, or `@file` of `contentType`. */
  example: string;
  /** The example body's type, when it is not JSON. */
  contentType?: string;
}

/** Every endpoint, in the order the page lists them. */
export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: "GET",
    path: "/api/muddle",
    input: "from: a test image index, or digit: 0-9 (one drawn with the seed); " +
      "optional partner: 0-9, not the input's digit; method: avg, farthest or boundary " +
      "(default boundary); seed (default 0)",
    answer: "the muddled digit: digit, partner, t, latent, image (784 values in 0..1), from and " +
      "to (test index, digit, latent), judge.probabilities; a PNG with Accept: image/png",
    example: "?from=1234&method=boundary&seed=1",
  },
  {
    method: "POST",
    path: "/api/decode",
    input: "a latent of the model's size; ?scale=1..16 for a PNG",
    answer: "side and image (784 values in 0..1), or a PNG with Accept: image/png",
    example: '{"latent":[0,0,0,0,0,0,0,0,0,0]}',
  },
  {
    method: "POST",
    path: "/api/path",
    input: 'from and to, each {"digit":D} (its centroid), {"index":i} (a test image) or ' +
      '{"latent":[...]}; steps 2..64 (default 16)',
    answer: "t, images and the judges' probabilities at each step, the farthest and most split " +
      "steps (marks), and where each step lies on the UMAP and PCA maps",
    example: '{"from":{"digit":3},"to":{"index":42},"steps":16}',
  },
  {
    method: "POST",
    path: "/api/encode",
    input: '{"image":[784 values in 0..1]}, or a PNG or JPEG body of any size (at most 2 MB); ' +
      "?k=1..100 neighbours (default 8)",
    answer: "the latent, its place on both maps, its nearest test images, the judges' reading, " +
      "the prepared image and its reconstruction",
    example: "@digit.png",
    contentType: "image/png",
  },
  {
    method: "POST",
    path: "/api/neighbors",
    input: '{"index":i} or {"latent":[...]}; optional "k":1..100 (default 8)',
    answer: "the k nearest test images, nearest first (an index leaves itself out)",
    example: '{"index":42,"k":8}',
  },
  {
    method: "GET",
    path: "/api/health",
    input: "",
    answer: "status, the model served (id, training, judges' accuracy), the tensor count and " +
      "this list",
    example: "",
  },
];
