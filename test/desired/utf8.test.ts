import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { firstInvalidUtf8Offset, lineAtOffset } from "../../src/desired/readDesiredState/utf8.js"

const decodes = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

// Bytes biased towards UTF-8 lead and continuation bytes, so that valid and broken sequences both occur.
const byte = fc.oneof(
  fc.integer({ min: 0x00, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0xbf }),
  fc.integer({ min: 0xc0, max: 0xff })
)
const bytes = fc.array(byte, { maxLength: 40 }).map((a) => Uint8Array.from(a))
const text = fc.string({ unit: "binary", maxLength: 40 })

describe("firstInvalidUtf8Offset", () => {
  test.prop([bytes])("agrees with the WHATWG decoder on which byte arrays are valid", (b) => {
    const offset = firstInvalidUtf8Offset(b)
    expect(offset === undefined).toBe(decodes(b))
    if (offset !== undefined) expect(decodes(b.subarray(0, offset))).toBe(true)
  })

  test.prop([text])("finds nothing wrong in encoded text", (t) => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode(t))).toBeUndefined()
  })

  it("points at overlong forms, surrogates and truncated sequences", () => {
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1)
    expect(firstInvalidUtf8Offset(Uint8Array.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2)
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xe2, 0x82]))).toBe(0)
    expect(firstInvalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0)
  })
})

describe("lineAtOffset", () => {
  it("counts LF, CRLF and a lone CR as one line ending each", () => {
    const b = new TextEncoder().encode("a\nb\r\nc\rd")
    expect([0, 2, 5, 7].map((o) => lineAtOffset(b, o))).toEqual([1, 2, 3, 4])
  })
})
