import { Console, Effect } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import { observe } from "../../reconcile/observe.js"
import { renderStatusJson, renderStatusText } from "../../render/renderStatus.js"
import { statusRows } from "../../render/statusRows.js"
import { useColor } from "../color.js"
import { openProjectLayer } from "../openProjectLayer.js"
import type { StatusOptions } from "../status.js"

/** The `status` command's work, loaded on first use (see lazy.ts). */
export const runStatus = (o: StatusOptions) =>
  Effect.gen(function* () {
    const { desired } = yield* readDesiredState(o.source, o.tableSpec)
    const observed = yield* observe(desired)
    const rows = statusRows(desired, observed)
    yield* Console.log(
      o.format === "json"
        ? renderStatusJson(rows).trimEnd()
        : renderStatusText(rows, { color: useColor(process.stdout) }).trimEnd()
    )
  }).pipe(Effect.provide(openProjectLayer(o)))
