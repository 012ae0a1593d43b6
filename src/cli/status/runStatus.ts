import { Clock, Console, Effect } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import { OpenProjectConfig } from "../../openproject/OpenProjectConfig.js"
import { observe } from "../../reconcile/observe.js"
import { readStatusHistory } from "../../reconcile/statusHistory.js"
import { renderStatusJson, renderStatusText } from "../../render/renderStatus.js"
import { statusRows, withHistory } from "../../render/statusRows.js"
import { useColor } from "../color.js"
import { openProjectLayer } from "../openProjectLayer.js"
import type { StatusOptions } from "../status.js"

/** The `status` command's work, loaded on first use (see lazy.ts). */
export const runStatus = (o: StatusOptions) =>
  Effect.gen(function* () {
    const { desired } = yield* readDesiredState(o.source, o.tableSpec)
    const observed = yield* observe(desired)
    const config = yield* OpenProjectConfig
    const histories = yield* readStatusHistory(desired, observed, { all: o.history, concurrency: config.concurrency })
    const rows = withHistory(statusRows(desired, observed), histories)
    const now = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* Console.log(
      o.format === "json"
        ? renderStatusJson(rows).trimEnd()
        : renderStatusText(rows, { color: useColor(process.stdout), now }).trimEnd()
    )
  }).pipe(Effect.provide(openProjectLayer(o)))
