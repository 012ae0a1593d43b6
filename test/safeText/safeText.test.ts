import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { safeJsonText } from "../../src/safeText/jsonText.js"
import { oneLine } from "../../src/safeText/oneLine.js"
import { safeOutput } from "../../src/safeText/safeOutput.js"
import { hideUrlCredentials } from "../../src/safeText/urlCredentials.js"
import { replayOutput } from "../support/actionsRunner.js"
import { HOSTILE_TEXT } from "../support/hostileText.js"

const commandsIn = (stdout: string) => replayOutput({ stdout, stderr: "" })

// Text with the characters that matter here drawn often: #, [, :, white space and line breaks of every kind.
const hostileString = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "#",
      "#",
      "[",
      "]",
      ":",
      ":",
      " ",
      "\n",
      "\r",
      "\u0085",
      "\u2028",
      "\u00a0",
      "\u001b",
      "\u202e",
      "a"
    ),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 })
  ),
  maxLength: 80
})

describe("oneLine", () => {
  it.each(HOSTILE_TEXT)("keeps $tries on one line and out of the runner's reach", ({ text }) => {
    const safe = oneLine(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
    expect(commandsIn(safe)).toEqual([])
    expect(commandsIn(`    ${safe}`)).toEqual([])
  })

  it("stays readable: the text is kept, only the command forms are broken", () => {
    expect(oneLine("Ship it ##[stop-commands]x")).toBe("Ship it ## [stop-commands]x")
    expect(oneLine("::error::x")).toBe(": :error::x")
    expect(oneLine("line\nbreak")).toBe("line break")
    expect(oneLine("In progress")).toBe("In progress")
  })

  test.prop([hostileString])("no value forms a command, wherever it is placed in a line", (text) => {
    const safe = oneLine(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(safe).not.toMatch(/[\n\r\u0085\u2028\u2029\u001b]/)
    expect(commandsIn(safe)).toEqual([])
    expect(commandsIn(`prefix ${safe} suffix`)).toEqual([])
    expect(commandsIn(`  ${safe}`)).toEqual([])
  })
})

describe("safeOutput (the console's last check)", () => {
  test.prop([hostileString])("no line of any output forms a command", (text) => {
    expect(commandsIn(safeOutput(text))).toEqual([])
  })

  it("keeps line breaks, tabs and colour, and only op-reconcile's own commands when asked", () => {
    expect(safeOutput("a\n\tb\r\nc")).toBe("a\n\tb\r\nc")
    expect(safeOutput("\u001b[1mbold\u001b[0m")).toBe("\u001b[1mbold\u001b[0m")
    expect(safeOutput("\u001b]0;title\u0007")).toBe(" ]0;title ")
    expect(safeOutput("::warning file=a.md::x")).toBe(": :warning file=a.md::x")
    expect(safeOutput("::warning file=a.md::x", { allowLineCommands: true })).toBe("::warning file=a.md::x")
    // even then, a legacy command in the data is broken
    expect(safeOutput("::warning::a ##[add-mask]b", { allowLineCommands: true })).toBe("::warning::a ## [add-mask]b")
  })

  it("hides a password written into a URL", () => {
    expect(safeOutput("OPENPROJECT_URL: https://user:s3cret@host:99999 is not a URL")).toBe(
      "OPENPROJECT_URL: https://***@host:99999 is not a URL"
    )
  })
})

describe("safeJsonText", () => {
  test.prop([fc.jsonValue(), fc.constantFrom(undefined, 2)])(
    "is the same JSON for a parser, with nothing a runner or a terminal reads raw",
    (value, space) => {
      const json = safeJsonText(JSON.stringify(value, null, space))
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)))
      expect(commandsIn(json)).toEqual([])
      expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
    }
  )

  it("escapes the hostile corpus losslessly", () => {
    const subjects = HOSTILE_TEXT.map((h) => h.text)
    const json = safeJsonText(JSON.stringify({ subjects }, null, 2))
    expect(JSON.parse(json)).toEqual({ subjects })
    expect(commandsIn(json)).toEqual([])
    expect(json).toContain("Ship it #\\u0023[stop-commands]x")
  })
})

describe("hideUrlCredentials", () => {
  it.each([
    ["https://user:s3cret@host:99999", "https://***@host:99999"],
    ["https://s3cret@host/x", "https://***@host/x"],
    ["https://a@b:s3cret@host", "https://***@host"],
    ["user:s3cret@host", "***@host"],
    ['"https//user:s3cret@host"', '"https//***@host"'],
    ["https://openproject.example.com", "https://openproject.example.com"]
  ])("%s → %s", (raw, shown) => {
    expect(hideUrlCredentials(raw)).toBe(shown)
    expect(hideUrlCredentials(raw)).not.toContain("s3cret")
  })
})
