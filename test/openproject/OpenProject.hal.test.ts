import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { makeClient } from "./support/client.js"
import { startStubServer } from "./support/stubServer.js"

/** Shapes of a real instance the sandbox does not produce: an install under a sub-path, small pages, odd bodies. */

const API_KEY = "opapi-hal-test-key-c0ffee"
const PREFIX = "/openproject"

const element = (id: number) => ({
  _type: "WorkPackage",
  id,
  lockVersion: id * 10,
  subject: `WP ${id}`,
  _links: {
    status: { href: `${PREFIX}/api/v3/statuses/${id % 2 === 0 ? 6 : 2}`, title: id % 2 === 0 ? "Closed" : "New" }
  }
})

const IdFilter = Schema.decodeUnknownSync(
  Schema.parseJson(Schema.Array(Schema.Struct({ id: Schema.Struct({ values: Schema.Array(Schema.String) }) })))
)

/** A collection whose server clamps pages to 2 elements and links the next page by a sub-path href. */
const pagedCollection = (target: string) => {
  const url = new URL(target, "http://stub")
  const values = IdFilter(url.searchParams.get("filters") ?? "[]")[0]?.id.values ?? []
  const offset = Number(url.searchParams.get("offset") ?? "1")
  const ids = values.map(Number)
  const page = ids.slice((offset - 1) * 2, offset * 2)
  const next = new URLSearchParams(url.searchParams)
  next.set("offset", String(offset + 1))
  next.set("pageSize", "2")
  return {
    _type: "WorkPackageCollection",
    total: ids.length,
    count: page.length,
    pageSize: 2,
    offset,
    _embedded: { elements: page.map(element) },
    _links: offset * 2 < ids.length ? { nextByOffset: { href: `${url.pathname}?${next.toString()}` } } : {}
  }
}

describe("OpenProject client with HAL shapes of real instances", () => {
  it.scoped("follows nextByOffset hrefs as received on an instance under a sub-path", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer((target) =>
        target.startsWith(`${PREFIX}/api/v3/work_packages?`)
          ? { status: 200, body: JSON.stringify(pagedCollection(target)) }
          : { status: 404, body: "{}" }
      )
      const op = yield* makeClient(`${stub.url}${PREFIX}/`, API_KEY)
      const observed = yield* op.observe([1, 2, 3, 4, 5])
      expect([...observed.values()].map((wp) => [wp.id, wp.statusId, wp.lockVersion])).toEqual([
        [1, 2, 10],
        [2, 6, 20],
        [3, 2, 30],
        [4, 6, 40],
        [5, 2, 50]
      ])
      const targets = stub.targets()
      expect(targets.length).toBe(3)
      expect(targets.every((t) => t.startsWith(`${PREFIX}/api/v3/work_packages?`))).toBe(true)
      expect(targets.slice(1).map((t) => new URL(t, stub.url).searchParams.get("offset"))).toEqual(["2", "3"])
    })
  )

  it.scoped("does not follow a next link to another host (the key would go with it)", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({
        status: 200,
        body: JSON.stringify({
          ...pagedCollection(
            `/api/v3/work_packages?filters=${encodeURIComponent('[{"id":{"values":["1","2","3"]}}]')}`
          ),
          _links: { nextByOffset: { href: "https://elsewhere.example/api/v3/work_packages?offset=2" } }
        })
      }))
      const op = yield* makeClient(stub.url, API_KEY)
      const error = yield* Effect.flip(op.observe([1, 2, 3]))
      expect(error._tag).toBe("UnexpectedResponse")
      expect(error.message).toContain("elsewhere.example")
      expect(stub.targets().length).toBe(1)
    })
  )

  it.scoped("a 200 that is not OpenProject's JSON (a login page) is an UnexpectedResponse, not retried", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({
        status: 200,
        body: "<!DOCTYPE html><html><title>Sign in · OpenProject</title></html>",
        contentType: "text/html"
      }))
      const op = yield* makeClient(stub.url, API_KEY)
      const error = yield* Effect.flip(op.me())
      expect(error).toMatchObject({
        _tag: "UnexpectedResponse",
        status: 200,
        method: "GET",
        url: `${stub.url}/api/v3/users/me`
      })
      expect(error.message).toContain("Sign in")
      expect(stub.targets().length).toBe(1)
    })
  )

  it.scoped("authenticates with Basic apikey:<key> by default and Bearer <key> when asked", () =>
    Effect.gen(function* () {
      const seen: Array<string | undefined> = []
      const stub = yield* startStubServer((_, request) => {
        seen.push(request.headers.authorization)
        return { status: 200, body: JSON.stringify({ _type: "User", id: 1, name: "A" }) }
      })
      yield* Effect.flatMap(makeClient(stub.url, API_KEY), (op) => op.me())
      yield* Effect.flatMap(makeClient(stub.url, API_KEY, { auth: "bearer" }), (op) => op.me())
      expect(seen).toEqual([`Basic ${Buffer.from(`apikey:${API_KEY}`).toString("base64")}`, `Bearer ${API_KEY}`])
    })
  )

  it.scoped("writes JSON with the documented Content-Type", () =>
    Effect.gen(function* () {
      const seen: Array<string | undefined> = []
      const stub = yield* startStubServer((_, request) => {
        seen.push(request.headers["content-type"])
        return { status: 201, body: JSON.stringify({ _type: "Activity::Comment", id: 9, comment: { raw: "x" } }) }
      })
      const op = yield* makeClient(stub.url, API_KEY)
      yield* op.addComment({ id: 1, text: "x" })
      expect(seen).toEqual(["application/json"])
    })
  )
})
