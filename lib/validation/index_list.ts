import { parseIntegerInRange, ValidationError } from "./api_input.ts";

/** Images in the MNIST test set: a `from` index runs 0..MNIST_TEST_COUNT - 1. */
export const MNIST_TEST_COUNT = 10000;

/**
 * Reads a comma-separated list of test image indices ("1234,5678"): each an
 * integer from 0 to `count - 1`, none repeated, at most `max` of them.
 * Throws a ValidationError (a RangeError) naming the bad value and the allowed range.
 */
export function parseIndexList(
  value: unknown,
  field = "from",
  count = MNIST_TEST_COUNT,
  max = 1000,
): number[] {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ValidationError(
      field,
      `${field} must be test image indices from 0 to ${count - 1}, separated by commas`,
    );
  }
  const parts = value.split(",");
  if (parts.length > max) {
    throw new ValidationError(field, `${field} lists ${parts.length} indices; at most ${max}`);
  }
  const seen = new Set<number>();
  return parts.map((part) => {
    const index = parseIntegerInRange(part.trim(), field, 0, count - 1);
    if (seen.has(index)) {
      throw new ValidationError(
        field,
        `${field} lists ${index} twice; each index from 0 to ${count - 1} at most once`,
      );
    }
    seen.add(index);
    return index;
  });
}
