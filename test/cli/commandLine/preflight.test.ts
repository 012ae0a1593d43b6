import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { describeCommands } from "../../../src/cli/commandLine/commandInfo.js"
import { closest } from "../../../src/cli/commandLine/didYouMean.js"
import { HELP_WIDTH, wrap } from "../../../src/cli/commandLine/help.js"
import { preflight } from "../../../src/cli/commandLine/preflight.js"
import { reconcileCommand } from "../../../src/cli/reconcile.js"
import { validateCommand } from "../../../src/cli/validate.js"
import { editDistance } from "../../../src/domain/editDistance.js"

const commands = describeCommands([reconcileCommand, validateCommand])
const check = (args: ReadonlyArray<string>, extra: { stdinIsTerminal?: boolean; logLevelFromEnv?: string } = {}) =>
  preflight({ args, commands, stdinIsTerminal: extra.stdinIsTerminal ?? false, logLevelFromEnv: extra.logLevelFromEnv })

describe("did you mean", () => {
  it("finds the word behind a missing, extra, wrong or swapped letter", () => {
    const flags = ["--apply", "--format", "--source", "--dry-run", "--max-changes"]
    expect(closest("--aply", flags)).toBe("--apply")
    expect(closest("--fromat", flags)).toBe("--format")
    expect(closest("--sorce", flags)).toBe("--source")
    expect(closest("--dryrun", flags)).toBe("--dry-run")
    expect(closest("--max-chang", flags)).toBe("--max-changes")
    expect(closest("reconcil", ["reconcile", "status", "validate"])).toBe("reconcile")
  })

  it("suggests nothing for a word that is not close to any", () => {
    expect(closest("--frobnicate", ["--apply", "--format"])).toBeUndefined()
  })

  test.prop([fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })])(
    "the distance is symmetric and 0 only for equal words",
    (a, b) => {
      expect(editDistance(a, b)).toBe(editDistance(b, a))
      expect(editDistance(a, b) === 0).toBe(a === b)
    }
  )
})

describe("preflight", () => {
  it("takes --log-level in any position, and the flag wins over the environment", () => {
    for (const args of [
      ["--log-level", "debug", "validate", "-s", "p.md"],
      ["validate", "-s", "p.md", "--log-level", "debug"],
      ["validate", "--log-level=debug", "-s", "p.md"]
    ]) {
      expect(check(args, { logLevelFromEnv: "error" })).toEqual({
        _tag: "Run",
        args: ["validate", "--source", "p.md"],
        logLevel: "debug"
      })
    }
    expect(check(["validate", "-s", "p.md"], { logLevelFromEnv: "DEBUG" })).toMatchObject({ logLevel: "debug" })
  })

  it("hands @effect/cli the arguments with each value after its flag, a negative number included", () => {
    expect(check(["reconcile", "-s", "p.md", "--max-changes", "-1", "--format=json"])).toEqual({
      _tag: "Run",
      args: ["reconcile", "--source", "p.md", "--max-changes", "-1", "--format", "json"],
      logLevel: undefined
    })
  })

  it("answers --help anywhere with the help of the command it follows", () => {
    expect(check(["reconcile", "--sorce", "x", "--help"])).toMatchObject({ _tag: "UsageProblem" })
    expect(check(["reconcile", "-s", "x", "--help"])).toMatchObject({ _tag: "Help", command: { name: "reconcile" } })
    expect(check(["help", "validate"])).toMatchObject({ _tag: "Help", command: { name: "validate" } })
    expect(check([])).toMatchObject({ _tag: "Help", command: undefined })
  })

  it("names the flag of another command that was put before the command", () => {
    expect(check(["--source", "p.md", "reconcile"])).toMatchObject({
      _tag: "UsageProblem",
      problem: expect.stringContaining("--source goes after the command")
    })
  })

  it("lets --wizard through on a terminal only", () => {
    expect(check(["validate", "--wizard"], { stdinIsTerminal: true })).toMatchObject({ _tag: "BuiltIn" })
    expect(check(["validate", "--wizard"])).toMatchObject({ _tag: "UsageProblem", command: "validate" })
  })
})

describe("help text", () => {
  const words = fc.array(fc.stringMatching(/^[a-z]{1,30}$/), { maxLength: 60 })
  test.prop([words, fc.integer({ min: 30, max: HELP_WIDTH })])(
    "wraps words into lines no wider than asked, losing none",
    (ws, width) => {
      const lines = wrap(ws.join(" "), width)
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width)
      expect(
        lines
          .join(" ")
          .split(" ")
          .filter((w) => w !== "")
      ).toEqual(ws)
    }
  )
})
