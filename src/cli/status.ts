import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { readDesiredState } from "../desired/readDesiredState.js"
import { observe } from "../reconcile/observe.js"
import { renderStatusJson, renderStatusText } from "../render/renderStatus.js"
import { statusRows } from "../render/statusRows.js"
import { connectionOptions, openProjectLayer } from "./connectionOptions.js"
import { useColor } from "./runEnvironment.js"
import { sourceOptions } from "./sourceOptions.js"

/**
 * `op-reconcile status` (the runbook's `make op-story-status`): every work package the plan names, its
 * desired and its current state side by side. Read-only.
 */
export const statusCommand = Command.make(
  "status",
  {
    ...sourceOptions,
    format: Options.choice("format", ["text", "json"]).pipe(
      Options.withDescription("Output format."),
      Options.withDefault("text")
    ),
    ...connectionOptions
  },
  ({ source, tableSpec, format }) =>
    Effect.gen(function* () {
      const { desired } = yield* readDesiredState(source, tableSpec)
      const observed = yield* observe(desired)
      const rows = statusRows(desired, observed)
      yield* Console.log(
        format === "json"
          ? renderStatusJson(rows).trimEnd()
          : renderStatusText(rows, { color: useColor(process.stdout) }).trimEnd()
      )
    })
).pipe(
  Command.withDescription("Show each work package the plan names with its desired and its current state (read-only)."),
  Command.provide((o) => openProjectLayer(o))
)
