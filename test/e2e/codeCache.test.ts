import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli } from "./support/cli.js"

const EXAMPLE = "examples/F1_BUY_BOOST_PLAN.md"

const withCacheDir = <A, E>(use: (dir: string) => Effect.Effect<A, E>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "op-reconcile-e2e-code-cache-"))),
    (root) => use(join(root, "cache")),
    (root) => Effect.sync(() => rmSync(root, { recursive: true, force: true }))
  )

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".v8cache")) : [])

/** The built CLI compiles itself through V8's code cache (src/cli/startup/codeCache.ts): what a run prints never depends on it. */
describe("the built CLI's code cache", () => {
  it.live(
    "the first run saves it, later runs use it unchanged, a damaged entry is replaced; the output is the same each time",
    () =>
      withCacheDir((dir) =>
        Effect.gen(function* () {
          const env = { OP_RECONCILE_CODE_CACHE: dir }
          const first = yield* runCli(["validate", "--source", EXAMPLE], env)
          expect(first.code).toBe(0)
          const [name] = entries(dir)
          expect(entries(dir)).toHaveLength(1)
          const entry = join(dir, name ?? "")
          const saved = readFileSync(entry)

          const second = yield* runCli(["validate", "--source", EXAMPLE], env)
          expect(second).toEqual(first)
          expect(readFileSync(entry).equals(saved)).toBe(true)

          writeFileSync(entry, Buffer.alloc(saved.length, 7))
          const third = yield* runCli(["validate", "--source", EXAMPLE], env)
          expect(third).toEqual(first)
          expect(readFileSync(entry).equals(Buffer.alloc(saved.length, 7))).toBe(false)
          expect(entries(dir)).toHaveLength(1)
        })
      )
  )

  it.live("NODE_DISABLE_COMPILE_CACHE=1 turns it off: nothing is written, the output is the same", () =>
    withCacheDir((dir) =>
      Effect.gen(function* () {
        const cached = yield* runCli(["validate", "--source", EXAMPLE], { OP_RECONCILE_CODE_CACHE: dir })
        rmSync(dir, { recursive: true, force: true })
        const off = yield* runCli(["validate", "--source", EXAMPLE], {
          OP_RECONCILE_CODE_CACHE: dir,
          NODE_DISABLE_COMPILE_CACHE: "1"
        })
        expect(off).toEqual(cached)
        expect(existsSync(dir)).toBe(false)
      })
    )
  )

  it.live("a cache directory that cannot be made: the run works without one", () =>
    withCacheDir((dir) =>
      Effect.gen(function* () {
        const reference = yield* runCli(["validate", "--source", EXAMPLE], { NODE_DISABLE_COMPILE_CACHE: "1" })
        writeFileSync(`${dir}-is-a-file`, "")
        const run = yield* runCli(["validate", "--source", EXAMPLE], {
          OP_RECONCILE_CODE_CACHE: join(`${dir}-is-a-file`, "x")
        })
        expect(run).toEqual(reference)
      })
    )
  )
})
