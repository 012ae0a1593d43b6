import { Command } from "@effect/cli"
import { reconcileCommand } from "./reconcile.js"
import { sandboxCommand } from "./sandbox.js"
import { statusCommand } from "./status.js"
import { validateCommand } from "./validate.js"
import { VERSION } from "./version.js"

const root = Command.make("op-reconcile").pipe(
  Command.withDescription(
    "Keeps OpenProject work package statuses in step with the status table of a markdown plan. " +
      "Start with `op-reconcile reconcile --source PLAN.md` (a dry-run)."
  ),
  Command.withSubcommands([reconcileCommand, statusCommand, validateCommand, sandboxCommand])
)

export const run = Command.run(root, { name: "op-reconcile", version: VERSION })
