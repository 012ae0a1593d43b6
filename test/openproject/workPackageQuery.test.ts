import { describe, expect, it } from "@effect/vitest"
import {
  chunkIds,
  collectionTarget,
  PAGE_SIZE,
  REQUEST_TARGET_BUDGET
} from "../../src/openproject/OpenProject/workPackageQuery.js"

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe("work package collection queries", () => {
  it("asks by an explicit id filter (which also lifts the open-only default), 1000 per page, from page 1", () => {
    const target = collectionTarget("", [42, 43])
    const url = new URL(target, "https://op.example")
    expect(url.pathname).toBe("/api/v3/work_packages")
    expect(JSON.parse(url.searchParams.get("filters") ?? "null")).toEqual([
      { id: { operator: "=", values: ["42", "43"] } }
    ])
    expect(url.searchParams.get("pageSize")).toBe("1000")
    expect(url.searchParams.get("offset")).toBe("1")
  })

  it("splits ids so every request target fits the budget, as few chunks as the budget allows", () => {
    const ids = range(1, 2500)
    const chunks = chunkIds("/openproject", ids)
    expect(chunks.flat()).toEqual(ids)
    for (const [i, chunk] of chunks.entries()) {
      expect(collectionTarget("/openproject", chunk).length).toBeLessThanOrEqual(REQUEST_TARGET_BUDGET)
      expect(chunk.length).toBeLessThanOrEqual(PAGE_SIZE)
      const next = chunks[i + 1]?.[0]
      // greedy: the next id would not have fitted
      if (next !== undefined) {
        expect(collectionTarget("/openproject", [...chunk, next]).length).toBeGreaterThan(REQUEST_TARGET_BUDGET)
      }
    }
    expect(chunks.length).toBeLessThan(Math.ceil(ids.length / 500) + 1)
  })

  it("never puts more ids in a chunk than one page holds", () => {
    const chunks = chunkIds("", range(1, 2500), 1_000_000)
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500])
  })

  it("no ids, no requests", () => {
    expect(chunkIds("", [])).toEqual([])
  })
})
