/** Standard deviation of each dimension of packed latents [count * size] (population form). */
export function latentStd(latents: ArrayLike<number>, size: number): number[] {
  const count = latents.length / size;
  const std: number[] = [];
  for (let d = 0; d < size; d++) {
    let sum = 0, squares = 0;
    for (let i = d; i < latents.length; i += size) {
      sum += latents[i];
      squares += latents[i] ** 2;
    }
    std[d] = Math.sqrt(Math.max(0, squares / count - (sum / count) ** 2));
  }
  return std;
}
