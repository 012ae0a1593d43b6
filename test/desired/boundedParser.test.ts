import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { DesiredStateParser } from "../../src/desired/DesiredStateParser.js"
import { startParseJob } from "../../src/desired/parseJob.js"
import { READER_LIMITS } from "../../src/desired/readerLimits.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import { DEFAULT_VOCABULARY } from "../../src/domain/vocabulary.js"

// The CLI's parser, given a worker script that does not exist: a document parsed in this thread never
// notices, one sent to the worker fails because the worker cannot start.
const parser = DesiredStateParser.bounded((text, options) =>
  startParseJob(new URL("file:///nonexistent/parse-worker.js"), text, options)
)

const HEADER = "| Track | Phase | GH issue / OP wp | Status |\n| --- | --- | --- | --- |\n| T | P | wp#1 | **New** |\n"
/** The one-row table padded with prose to exactly `bytes` bytes of UTF-8 (ä is two bytes). */
const documentOf = (bytes: number) => {
  const prose = `\n${"ä".repeat(Math.floor((bytes - HEADER.length - 2) / 2))}`
  const text = `${HEADER}${prose}${"a".repeat(bytes - HEADER.length - Buffer.byteLength(prose) - 1)}\n`
  expect(Buffer.byteLength(text, "utf8")).toBe(bytes)
  return text
}
const parse = (text: string) => parser.parse(text, "plan.md", DEFAULT_TABLE_SPEC, DEFAULT_VOCABULARY)

describe("the CLI's parser: small documents in this thread, larger ones in the worker", () => {
  it.effect("a document of inThreadMaxBytes bytes (counted in UTF-8) is read in this thread", () =>
    Effect.gen(function* () {
      const state = yield* parse(documentOf(READER_LIMITS.inThreadMaxBytes))
      expect(state.rows.map((r) => [r.workPackageId, r.state])).toEqual([[1, "New"]])
    })
  )

  it.effect("a refusal of the shape check is the same in this thread", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(parse(`${HEADER}\n${"> ".repeat(100)}a\n`))
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain('"limit":"nesting"')
    })
  )

  it.effect("one byte more goes to the worker (here: one that cannot start)", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(parse(documentOf(READER_LIMITS.inThreadMaxBytes + 1)))
      expect(Exit.isFailure(exit) && exit.cause._tag).toBe("Die")
    })
  )
})
