import { useState } from "preact/hooks";

/** One cell as the page hands it over: rates, the example as a PNG data URL, the explorer link. */
export interface AtlasCellView {
  digit: number;
  partner: number;
  /** Share of outputs the holdout reader (never consulted by the method) reads as split. */
  holdout: number;
  /** Share the judge ensemble the method consulted reads as split (in-sample). */
  ensemble: number;
  count: number;
  image: string;
  href: string;
}

/** Props of `Atlas`. */
export interface AtlasProps {
  cells: AtlasCellView[];
  /** Names of classes 0-9 (the digits unless the model was trained with --classes). */
  names: string[];
}

/**
 * The confusion atlas: a 10x10 grid, row D, column P, each cell how often
 * `boundary` succeeds from D towards P with its best example; a cell links to
 * that example's path in the explorer. The reader switch picks the held-out
 * reader (default) or the in-sample ensemble.
 */
export default function Atlas({ cells, names }: AtlasProps) {
  const [reader, setReader] = useState<"holdout" | "ensemble">("holdout");
  const [focus, setFocus] = useState<[number, number] | null>(null);
  const cell = (d: number, p: number) => cells.find((c) => c.digit === d && c.partner === p);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <div class="atlas">
      <fieldset class="atlas-reader">
        <legend>Success read by</legend>
        {(["holdout", "ensemble"] as const).map((r) => (
          <label key={r}>
            <input
              type="radio"
              name="atlas-reader"
              value={r}
              checked={reader === r}
              onChange={() => setReader(r)}
            />
            {r === "holdout" ? "holdout classifier (held out)" : "judge ensemble (in-sample)"}
          </label>
        ))}
      </fieldset>
      {/* The 10 x 10 grid is wider than a phone: it scrolls sideways on its own, not the page. */}
      <div class="atlas-scroll">
        <table class="atlas-grid" onMouseLeave={() => setFocus(null)}>
          <thead>
            <tr>
              <th scope="col">D \ P</th>
              {names.map((n, p) => (
                <th scope="col" key={p} class={focus?.[1] === p ? "focus" : undefined}>{n}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((name, d) => (
              <tr key={d}>
                <th scope="row" class={focus?.[0] === d ? "focus" : undefined}>{name}</th>
                {names.map((_, p) => {
                  const c = cell(d, p);
                  if (!c) return <td key={p} class="atlas-self" />;
                  const rate = reader === "holdout" ? c.holdout : c.ensemble;
                  return (
                    <td
                      key={p}
                      style={{ "--rate": rate }}
                      onMouseEnter={() => setFocus([d, p])}
                    >
                      <a
                        href={c.href}
                        data-pair={`${d}-${p}`}
                        title={`${names[d]} towards ${names[p]}: ${pct(c.holdout)} held out, ${
                          pct(c.ensemble)
                        } in-sample, of ${c.count}`}
                      >
                        <img src={c.image} width={28} height={28} alt="" />
                        <span>{pct(rate)}</span>
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
