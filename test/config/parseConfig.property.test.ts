import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect } from "vitest"
import { stringify } from "yaml"
import { parseConfig } from "../../src/config/parseConfig.js"

// Words people write in configs: status names with spaces and umlauts, paths, headings with §.
const word = fc
  .stringMatching(/^[A-Za-zÄÖÜäöüß§][A-Za-z0-9ÄÖÜäöüß§ _.\-/]{0,15}$/)
  .map((s) => s.trim())
  .filter((s) => s.length > 0)
const statesMap = fc.dictionary(word, word, { maxKeys: 4 })

const tableSection = fc.record(
  { header: fc.array(word, { minLength: 1, maxLength: 4 }), workPackageColumn: word, statusColumn: word, under: word },
  { requiredKeys: [] }
)
const planEntry = fc.record({ source: word, table: tableSection, states: statesMap }, { requiredKeys: ["source"] })

const validConfig = fc.record(
  {
    version: fc.constant(1 as const),
    openproject: fc.record(
      { url: word.map((w) => `https://${w.replace(/[^a-z0-9]/gi, "x")}.example`) },
      { requiredKeys: [] }
    ),
    states: statesMap,
    qualifiers: fc.array(word, { maxLength: 3 }),
    maxChanges: fc.nat(1000),
    plans: fc.array(planEntry, { minLength: 1, maxLength: 3 })
  },
  { requiredKeys: ["version", "plans"] }
)

// Keys known anywhere in the config: a generated key must be unknown wherever it is put.
const KNOWN = new Set([
  "version",
  "openproject",
  "states",
  "qualifiers",
  "maxChanges",
  "plans",
  "source",
  "table",
  "header",
  "workPackageColumn",
  "statusColumn",
  "under",
  "url"
])
const unknownKey = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/).filter((k) => !KNOWN.has(k))

describe("parseConfig (properties)", () => {
  test.prop([validConfig, fc.constantFrom<"block" | "flow">("block", "flow")])(
    "a valid config, however it is written, decodes to exactly what was written",
    (config, style) => {
      const text = stringify(config, style === "flow" ? { collectionStyle: "flow" } : {})
      const parsed = parseConfig(text, "op-reconcile.yml")
      expect(Either.isRight(parsed) && parsed.right.config).toEqual(config)
    }
  )

  test.prop([validConfig, unknownKey, fc.nat()])(
    "an unknown top-level key is reported at its own line, and only it",
    (config, key, where) => {
      const lines = stringify(config).trimEnd().split("\n")
      // Insert the key before a top-level line (a line that does not start with a space or "-").
      const topLevel = lines.flatMap((line, i) => (/^[^\s-]/.test(line) ? [i] : []))
      const at = topLevel[where % topLevel.length] ?? 0
      const text = [...lines.slice(0, at), `${key}: 1`, ...lines.slice(at)].join("\n")
      const parsed = parseConfig(text, "op-reconcile.yml")
      expect(Either.isLeft(parsed)).toBe(true)
      if (Either.isLeft(parsed)) {
        expect(
          parsed.left.problems.map((p) => [p.line, p.column, p.message.startsWith(`unknown key \`${key}:\``)])
        ).toEqual([[at + 1, 1, true]])
      }
    }
  )

  test.prop([validConfig, unknownKey, fc.nat()])(
    "an unknown key in a plan entry is reported at its line, naming the plan",
    (config, key, which) => {
      const index = which % config.plans.length
      const plans = config.plans.map((p, i) => (i === index ? { ...p, [key]: "x" } : p))
      const text = stringify({ ...config, plans })
      const line = text.split("\n").findIndex((l) => l.trimStart().replace(/^- /, "").startsWith(`${key}:`)) + 1
      const parsed = parseConfig(text, "op-reconcile.yml")
      expect(
        Either.isLeft(parsed) && parsed.left.problems.map((p) => [p.line, p.message.includes(`in plans[${index}]`)])
      ).toEqual([[line, true]])
    }
  )
})
