/**
 * How a class is shown: its name when the model was trained with
 * `--classes`, else the digit itself.
 */
export function className(names: readonly string[] | undefined, d: number): string {
  return names?.[d] ?? String(d);
}
