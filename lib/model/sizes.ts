/**
 * The sizes every layer shares, in a module of their own with no tfjs, so
 * that the browser's engine can import them without bundling tfjs.
 */

/** Image side in pixels (MNIST). The manifest records it; the model is built for it. */
export const IMAGE_SIDE = 28;
/** Pixels per image. */
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** Size of the latent code; recorded in the manifest and read back from it. */
export const LATENT_SIZE = 10;
/** Number of digit classes. */
export const DIGITS = 10;
