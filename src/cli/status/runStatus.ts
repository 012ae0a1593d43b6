import { Clock, Console, Effect } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import { OpenProjectConfig } from "../../openproject/OpenProjectConfig.js"
import { observe } from "../../reconcile/observe.js"
import { readStatusHistory } from "../../reconcile/statusHistory.js"
import { renderStatusJson, renderStatusText } from "../../render/renderStatus.js"
import { statusRows, withHistory } from "../../render/statusRows.js"
import { useColor } from "../color.js"
import { openProjectLayer } from "../openProjectLayer.js"
import { selectPlans } from "../planSelection.js"
import type { StatusOptions } from "../status.js"

/** The `status` command's work, loaded on first use (see lazy.ts): one observation for every plan. */
export const runStatus = (o: StatusOptions) =>
  Effect.gen(function* () {
    // The config is read and checked before any layer is built: its errors need no key and no network.
    const selection = yield* selectPlans(o)
    const several = selection.documents.length > 1
    const read = yield* Effect.forEach(selection.documents, (ref) =>
      readDesiredState(ref.path, ref.tableSpec, ref.vocabulary).pipe(Effect.map(({ desired }) => ({ ref, desired })))
    )
    yield* Effect.gen(function* () {
      const observed = yield* observe(read.map(({ desired }) => desired))
      const config = yield* OpenProjectConfig
      const rows = yield* Effect.forEach(read, ({ ref, desired }) =>
        Effect.gen(function* () {
          const vocabulary = ref.vocabulary === undefined ? {} : { vocabulary: ref.vocabulary }
          const histories = yield* readStatusHistory(desired, observed, {
            all: o.history,
            concurrency: config.concurrency,
            ...vocabulary
          })
          return withHistory(
            statusRows(desired, observed, { ...vocabulary, ...(several ? { source: ref.source ?? ref.path } : {}) }),
            histories
          )
        })
      )
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const sources = read.map(({ desired }) => ({ file: desired.file, skipped: desired.skipped }))
      yield* Console.log(
        o.format === "json"
          ? renderStatusJson(rows.flat(), sources).trimEnd()
          : renderStatusText(rows.flat(), sources, { color: useColor(process.stdout), now }).trimEnd()
      )
    }).pipe(Effect.provide(openProjectLayer(o, selection.openProjectUrl)))
  })
