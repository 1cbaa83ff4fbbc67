import { useCallback, useState } from "preact/hooks";
import type { EndRef } from "./url_state.ts";
import type { MuddleAnswer } from "./muddle_answer.ts";

/** Where a "Muddle this digit" run stands. */
export interface PointMuddle {
  busy: boolean;
  error: string | null;
  result: MuddleAnswer | null;
}

/**
 * Muddles one test image with the engine's boundary on the server (the same
 * engine as the CLI's `--from I`; seed 0, so a run can be repeated), then
 * opens the path from that image to the partner image with the handle at the
 * result's t.
 */
export function useMuddlePoint(
  onPath: (a: EndRef, b: EndRef, t: number) => void,
): { state: PointMuddle; muddle(index: number): Promise<void> } {
  const [state, setState] = useState<PointMuddle>({ busy: false, error: null, result: null });
  const muddle = useCallback(async (index: number) => {
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const res = await fetch(`/api/muddle?from=${index}&method=boundary&seed=0`);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      const result = body as MuddleAnswer;
      setState({ busy: false, error: null, result });
      onPath({ kind: "image", index: result.from.index }, {
        kind: "image",
        index: result.to.index,
      }, result.t);
    } catch (e) {
      setState({
        busy: false,
        error: `Could not muddle #${index}: ${(e as Error).message}`,
        result: null,
      });
    }
  }, [onPath]);
  return { state, muddle };
}
