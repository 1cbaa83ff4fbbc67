/**
 * The route table: URL pattern -> route module. Fresh derives it from the
 * routes/ folder; here it is written out, in matching order.
 */
import * as apiDecode from "../routes/api/decode.ts";
import * as apiEncode from "../routes/api/encode.ts";
import * as apiNeighbors from "../routes/api/neighbors.ts";
import * as apiHealth from "../routes/api/health.ts";
import * as apiIndex from "../routes/api/index.tsx";
import * as apiMuddle from "../routes/api/muddle.ts";
import * as apiPath from "../routes/api/path.ts";
import * as index from "../routes/index.tsx";
import * as atlas from "../routes/atlas.tsx";
import * as training from "../routes/training.tsx";

/** Every route, as [pattern, module]. */
export const ROUTES = [
  ["/", index],
  ["/training", training],
  ["/atlas", atlas],
  ["/api", apiIndex],
  ["/api/health", apiHealth],
  ["/api/muddle", apiMuddle],
  ["/api/decode", apiDecode],
  ["/api/path", apiPath],
  ["/api/encode", apiEncode],
  ["/api/neighbors", apiNeighbors],
] as const;
