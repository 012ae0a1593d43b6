import { randomUUID } from "node:crypto"
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { codeCacheKey, defaultCodeCacheDir, loadWithCodeCache } from "../../src/cli/startup/codeCache.js"

const scratch: Array<string> = []
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A bundle of its own (V8 keeps compiled scripts per process, so each test's source is unique) and a cache dir. */
const setUp = (answer: string) => {
  const root = mkdtempSync(join(tmpdir(), "op-reconcile-code-cache-test-"))
  scratch.push(root)
  const bundle = join(root, "cli.cjs")
  const source = (value: string) =>
    `// ${randomUUID()}\nconst double = (s) => s + s\nmodule.exports = { answer: double(${JSON.stringify(value)}), dir: __dirname }\n`
  writeFileSync(bundle, source(answer))
  return {
    root,
    bundle,
    cacheDir: join(root, "cache"),
    rewrite: (value: string) => writeFileSync(bundle, source(value))
  }
}

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".v8cache")) : [])

describe("the code cache of the built CLI", () => {
  it("the first run compiles and saves, the next one uses the saved code, with the same result", () => {
    const { root, bundle, cacheDir } = setUp("ab")
    const first = loadWithCodeCache(bundle, cacheDir)
    expect(first.outcome).toBe("absent")
    expect(first.run()).toEqual({ answer: "abab", dir: root })
    first.save()
    expect(entries(cacheDir)).toHaveLength(1)

    const second = loadWithCodeCache(bundle, cacheDir)
    expect(second.outcome).toBe("used")
    expect(second.run()).toEqual({ answer: "abab", dir: root })
  })

  it("an entry V8 refuses is compiled afresh and replaced", () => {
    const { bundle, cacheDir } = setUp("cd")
    // The entry this bundle would use, filled with bytes that are not V8's code (before anything compiled it).
    mkdirSync(cacheDir, { mode: 0o700 })
    const entry = join(cacheDir, `${codeCacheKey(readFileSync(bundle))}-main.v8cache`)
    writeFileSync(entry, Buffer.from("not V8's cached code, and the wrong length too"))

    const refused = loadWithCodeCache(bundle, cacheDir)
    expect(refused.outcome).toBe("rejected")
    expect(refused.run()).toMatchObject({ answer: "cdcd" })
    refused.save()
    expect(readFileSync(entry).toString("latin1")).not.toContain("not V8's cached code")
    expect(loadWithCodeCache(bundle, cacheDir).outcome).toBe("used")
  })

  it("a bundle changed to the same length misses the cache and runs its new code, never the old one", () => {
    const { bundle, cacheDir, rewrite } = setUp("old")
    const before = loadWithCodeCache(bundle, cacheDir)
    before.run()
    before.save()
    rewrite("new")
    const after = loadWithCodeCache(bundle, cacheDir)
    expect(after.outcome).toBe("absent")
    expect(after.run()).toMatchObject({ answer: "newnew" })
    after.save()
    expect(entries(cacheDir)).toHaveLength(2)
  })

  it("each variant (the CLI's command) has an entry of its own", () => {
    const { bundle, cacheDir } = setUp("mn")
    for (const variant of ["validate", "reconcile"]) {
      const run = loadWithCodeCache(bundle, cacheDir, variant)
      expect(run.outcome).toBe("absent")
      expect(run.run()).toMatchObject({ answer: "mnmn" })
      run.save()
    }
    expect(entries(cacheDir).sort()).toEqual([
      expect.stringMatching(/-reconcile\.v8cache$/),
      expect.stringMatching(/-validate\.v8cache$/)
    ])
    expect(loadWithCodeCache(bundle, cacheDir, "validate").outcome).toBe("used")
  })

  it("a directory that cannot be made runs without a cache and fails nothing", () => {
    const { root, bundle } = setUp("ef")
    writeFileSync(join(root, "a-file"), "")
    const cacheDir = join(root, "a-file", "cache")
    const run = loadWithCodeCache(bundle, cacheDir)
    expect(run.outcome).toBe("off")
    expect(run.run()).toMatchObject({ answer: "efef" })
    expect(() => run.save()).not.toThrow()
  })

  it("a directory others can write to is not used: they could plant code in it", () => {
    const { bundle, cacheDir } = setUp("gh")
    mkdirSync(cacheDir)
    chmodSync(cacheDir, 0o777)
    const run = loadWithCodeCache(bundle, cacheDir)
    expect(run.outcome).toBe("off")
    expect(run.run()).toMatchObject({ answer: "ghgh" })
    run.save()
    expect(entries(cacheDir)).toEqual([])
  })

  it("no directory, no cache", () => {
    const { bundle } = setUp("ij")
    const run = loadWithCodeCache(bundle, undefined)
    expect(run.outcome).toBe("off")
    expect(run.run()).toMatchObject({ answer: "ijij" })
  })

  it("writing an entry removes the ones written over a month ago, and keeps the others", () => {
    const { bundle, cacheDir } = setUp("kl")
    mkdirSync(cacheDir, { mode: 0o700 })
    const stale = join(cacheDir, "stale.v8cache")
    const recent = join(cacheDir, "recent.v8cache")
    const unrelated = join(cacheDir, "notes.txt")
    for (const file of [stale, recent, unrelated]) writeFileSync(file, "x")
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000)
    utimesSync(stale, longAgo, longAgo)
    utimesSync(unrelated, longAgo, longAgo)
    loadWithCodeCache(bundle, cacheDir).save()
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(recent)).toBe(true)
    expect(existsSync(unrelated)).toBe(true)
    expect(entries(cacheDir)).toHaveLength(2)
  })

  it("writing an entry keeps no more than the 24 newest", () => {
    const { bundle, cacheDir } = setUp("op")
    mkdirSync(cacheDir, { mode: 0o700 })
    const old = Array.from({ length: 30 }, (_, i) => join(cacheDir, `old-${i}.v8cache`))
    old.forEach((file, i) => {
      writeFileSync(file, "x")
      const written = new Date(Date.now() - (i + 1) * 60_000)
      utimesSync(file, written, written)
    })
    loadWithCodeCache(bundle, cacheDir).save()
    expect(entries(cacheDir)).toHaveLength(24)
    expect(existsSync(old[0] ?? "")).toBe(true)
    expect(existsSync(old[22] ?? "")).toBe(true)
    expect(existsSync(old[23] ?? "")).toBe(false)
  })

  it("lives in the temporary directory unless OP_RECONCILE_CODE_CACHE says where; NODE_DISABLE_COMPILE_CACHE=1 turns it off", () => {
    expect(defaultCodeCacheDir({})).toContain(tmpdir())
    expect(defaultCodeCacheDir({ OP_RECONCILE_CODE_CACHE: "/somewhere" })).toBe("/somewhere")
    expect(
      defaultCodeCacheDir({ NODE_DISABLE_COMPILE_CACHE: "1", OP_RECONCILE_CODE_CACHE: "/somewhere" })
    ).toBeUndefined()
  })
})
