import { Console, Effect } from "effect"
import { OpenProject } from "../../openproject/OpenProject.js"
import { renderStatusesJson, renderStatusesText } from "../../render/renderStatuses.js"
import { openProjectLayer } from "../openProjectLayer.js"
import type { StatusesOptions } from "../statuses.js"

/** The `statuses` command's work, loaded on first use (see lazy.ts): one GET /api/v3/statuses. */
export const runStatuses = (o: StatusesOptions) =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const statuses = yield* op.statuses()
    yield* Console.log((o.format === "json" ? renderStatusesJson(statuses) : renderStatusesText(statuses)).trimEnd())
  }).pipe(Effect.provide(openProjectLayer(o)))
