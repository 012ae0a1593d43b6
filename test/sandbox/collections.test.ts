import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, type RunningSandbox, startSandbox } from "../support/sandbox.js"

const q = (filters: unknown) => encodeURIComponent(JSON.stringify(filters))

const ids = (body: unknown): ReadonlyArray<unknown> => {
  const elements = at(body, "_embedded", "elements")
  return Array.isArray(elements) ? elements.map((e) => at(e, "id")) : []
}

// 1 and 3 are open, 2 is Closed, 4 is Rejected.
const small = {
  apiKey: "k",
  workPackages: [
    { id: 1, subject: "Open one", status: "New" },
    { id: 2, subject: "Closed one", status: "Closed" },
    { id: 3, subject: "Open two", status: "In progress" },
    { id: 4, subject: "Rejected one", status: "Rejected" }
  ]
}

describe("sandbox work package collections", () => {
  it.scoped("without `filters` only open work packages are listed; `filters=[]` lists all", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(small)
      const byDefault = yield* call(sb, "/api/v3/work_packages")
      expect(at(byDefault.json, "_type")).toBe("WorkPackageCollection")
      expect(ids(byDefault.json)).toEqual([1, 3])
      expect(at(byDefault.json, "total")).toBe(2)
      expect(decodeURIComponent(String(at(byDefault.json, "_links", "self", "href")))).toContain(
        '[{"status":{"operator":"o","values":[]}}]'
      )
      const all = yield* call(sb, `/api/v3/work_packages?filters=${q([])}`)
      expect(ids(all.json)).toEqual([1, 2, 3, 4])
    })
  )

  it.scoped("an id filter lifts the default, so closed work packages are returned", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(small)
      const answer = yield* call(
        sb,
        `/api/v3/projects/1/work_packages?filters=${q([{ id: { operator: "=", values: ["2", "4", "9"] } }])}`
      )
      expect(ids(answer.json)).toEqual([2, 4])
      const excluded = yield* call(sb, `/api/v3/work_packages?filters=${q([{ id: { operator: "!", values: ["1"] } }])}`)
      expect(ids(excluded.json)).toEqual([2, 3, 4])
    })
  )

  it.scoped("status filters: =, !, o, c, *", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(small)
      const statusIs = (operator: string, values: ReadonlyArray<string> = []) =>
        Effect.map(call(sb, `/api/v3/work_packages?filters=${q([{ status: { operator, values } }])}`), (a) =>
          ids(a.json)
        )
      expect(yield* statusIs("=", ["6"])).toEqual([2])
      expect(yield* statusIs("!", ["6"])).toEqual([1, 3, 4])
      expect(yield* statusIs("o")).toEqual([1, 3])
      expect(yield* statusIs("c")).toEqual([2, 4])
      expect(yield* statusIs("*")).toEqual([1, 2, 3, 4])
    })
  )

  it.scoped("invalid filters are 400 InvalidQuery; an unknown project is 404", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(small)
      for (const filters of [
        "not-json",
        q({ id: 1 }),
        q([{ id: { values: ["1"] } }]),
        q([{ subject: { operator: "~", values: ["x"] } }]),
        q([{ id: { operator: "=", values: ["x"] } }])
      ]) {
        const answer = yield* call(sb, `/api/v3/work_packages?filters=${filters}`)
        expect(answer.status).toBe(400)
        expect(at(answer.json, "errorIdentifier")).toBe("urn:openproject-org:api:v3:errors:InvalidQuery")
      }
      const noOperator = yield* call(sb, `/api/v3/work_packages?filters=${q([{ id: { values: ["1"] } }])}`)
      expect(at(noOperator.json, "message")).toBe("Operator can't be blank.")
      expect((yield* call(sb, "/api/v3/projects/99/work_packages")).status).toBe(404)
    })
  )
})

const follow = (sb: RunningSandbox, first: string) =>
  Effect.gen(function* () {
    const seen: Array<unknown> = []
    let next: unknown = first
    while (typeof next === "string") {
      const page = yield* call(sb, next)
      seen.push(...ids(page.json))
      next = at(page.json, "_links", "nextByOffset", "href")
    }
    return seen
  })

describe("sandbox pagination of 2,500 work packages", () => {
  const many = {
    apiKey: "k",
    workPackages: Array.from({ length: 2500 }, (_, i) => ({
      id: i + 1,
      subject: `Work package ${i + 1}`,
      status: i % 5 === 0 ? "Closed" : "New"
    }))
  }

  it.scoped("pageSize is clamped to 1000, offset is a 1-based page, nextByOffset until the end", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(many)
      const first = yield* call(sb, `/api/v3/work_packages?filters=${q([])}&pageSize=5000`)
      expect(at(first.json, "pageSize")).toBe(1000)
      expect(at(first.json, "count")).toBe(1000)
      expect(at(first.json, "total")).toBe(2500)
      expect(at(first.json, "offset")).toBe(1)
      expect(at(first.json, "_links", "previousByOffset")).toBeUndefined()

      yield* sb.clearRequestLog
      const seen = yield* follow(sb, `/api/v3/work_packages?filters=${q([])}&pageSize=1000`)
      expect(seen).toEqual(many.workPackages.map((wp) => wp.id))
      expect(yield* sb.countRequests({ method: "GET", pathPrefix: "/api/v3/work_packages" })).toBe(3)

      const last = yield* call(sb, `/api/v3/work_packages?filters=${q([])}&pageSize=1000&offset=3`)
      expect(at(last.json, "count")).toBe(500)
      expect(at(last.json, "_links", "nextByOffset")).toBeUndefined()
      expect(at(last.json, "_links", "previousByOffset", "href")).toContain("offset=2")
    })
  )

  it.scoped("default page size 20, -1 means the maximum, offset below 1 is page 1", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(many)
      const byDefault = yield* call(sb, "/api/v3/work_packages")
      expect(at(byDefault.json, "pageSize")).toBe(20)
      expect(at(byDefault.json, "total")).toBe(2000)
      const max = yield* call(sb, "/api/v3/work_packages?pageSize=-1&offset=0")
      expect(at(max.json, "pageSize")).toBe(1000)
      expect(at(max.json, "offset")).toBe(1)
      expect(ids(max.json)[0]).toBe(2)
      expect(at(max.json, "_links", "jumpTo", "templated")).toBe(true)
      expect(String(at(max.json, "_links", "changeSize", "href"))).toContain("pageSize=%7Bsize%7D")
    })
  )
})
