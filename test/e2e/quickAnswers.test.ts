import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { QUICK_COMMANDS, QUICK_FORMS } from "../../src/cli/startup/quickAnswer.js"
import { renderCliOutput } from "../../src/cli/startup/renderQuickAnswers.js"
import { withoutSgr } from "../../src/cli/startup/sgr.js"
import { runCli } from "./support/cli.js"

/**
 * `--version` and `--help` are answered from dist/help/ without loading the CLI stack; what they print
 * must be, byte for byte, what the CLI itself prints for the same arguments.
 */
describe("the quick answers of the built CLI", () => {
  for (const form of QUICK_FORMS) {
    it.live(`op-reconcile ${form.args.join(" ")}: what the full CLI prints, exit 0`, () =>
      Effect.gen(function* () {
        const quick = yield* runCli(form.args)
        const full = yield* renderCliOutput(form.args)
        expect(quick.code).toBe(0)
        expect(quick.stderr).toBe("")
        expect(quick.stdout).toBe(withoutSgr(full))
        expect(quick.stdout.length).toBeGreaterThan(0)
      })
    )
  }

  it("every command has a quick --help", () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const help = yield* renderCliOutput(["--help"])
        const commands = withoutSgr(help).split("\nCOMMANDS\n")[1]?.split("\n\n")[0] ?? ""
        const listed = [...commands.matchAll(/^ {2}(\S+) {2}/gm)].map((m) => m[1])
        expect(listed.length).toBeGreaterThan(0)
        for (const command of listed) expect(QUICK_COMMANDS).toContain(command)
      })
    ))

  it.live("a log level in the environment goes through the CLI, which checks it even for --help", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["--help"], { OP_RECONCILE_LOG_LEVEL: "loud" })
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain("OP_RECONCILE_LOG_LEVEL")
    })
  )

  it.live("other arguments still reach the CLI: a help flag with a log level", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--help", "--log-level", "info"])
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(withoutSgr(yield* renderCliOutput(["validate", "--help"])))
    })
  )
})
