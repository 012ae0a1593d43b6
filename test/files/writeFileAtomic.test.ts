import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { FileSystem } from "@effect/platform"
import { SystemError } from "@effect/platform/Error"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { OutputUnwritable, writeFileAtomic } from "../../src/files/writeFileAtomic.js"

const inTempDir = <A, E>(use: (dir: string) => Effect.Effect<A, E, FileSystem.FileSystem>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    return yield* use(yield* fs.makeTempDirectoryScoped())
  }).pipe(Effect.provide(NodeFileSystem.layer))

/** The real file system, except that the rename into place fails (a full disk, a crash between the steps). */
const renameFails = Layer.effect(
  FileSystem.FileSystem,
  Effect.map(FileSystem.FileSystem, (fs) => ({
    ...fs,
    rename: (from: string) =>
      Effect.fail(
        new SystemError({ reason: "Unknown", module: "FileSystem", method: "rename", pathOrDescriptor: from })
      )
  }))
).pipe(Layer.provide(NodeFileSystem.layer))

describe("writeFileAtomic", () => {
  it.scoped("writes the whole text and leaves nothing else in the directory", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const file = join(dir, "plan.json")
        writeFileSync(file, "old")
        yield* writeFileAtomic(file, "new text\n")
        expect(readFileSync(file, "utf8")).toBe("new text\n")
        expect(readdirSync(dir)).toEqual(["plan.json"])
      })
    )
  )

  it.scoped("never follows a planted symlink: not at the target, not at the old predictable temporary name", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const victim = join(dir, "victim.md")
        writeFileSync(victim, "the user's document\n")
        const file = join(dir, "plan.json")
        // Both names a run used to write through: the target itself and `${out}.tmp-${pid}`.
        symlinkSync(victim, file)
        symlinkSync(victim, `${file}.tmp-${process.pid}`)
        yield* writeFileAtomic(file, "{}\n")
        expect(readFileSync(victim, "utf8")).toBe("the user's document\n")
        // The link at the target was replaced by a file of ours, the other link left alone.
        expect(lstatSync(file).isSymbolicLink()).toBe(false)
        expect(readFileSync(file, "utf8")).toBe("{}\n")
        expect(lstatSync(`${file}.tmp-${process.pid}`).isSymbolicLink()).toBe(true)
      })
    )
  )

  it.scoped("the temporary name is random: two writes never use the same one", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const file = join(dir, "report.json")
        const names = new Set<string>()
        for (let i = 0; i < 5; i++) {
          const result = yield* writeFileAtomic(file, "x").pipe(Effect.provide(renameFails), Effect.flip)
          expect(result).toBeInstanceOf(OutputUnwritable)
          names.add(result.reason)
        }
        expect(names.size).toBe(5)
      })
    )
  )

  it.scoped("a failure leaves the old file as it was and no temporary file behind", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const file = join(dir, "plan.json")
        writeFileSync(file, "the previous plan\n")
        const error = yield* writeFileAtomic(file, "half a plan").pipe(Effect.provide(renameFails), Effect.flip)
        expect(error).toBeInstanceOf(OutputUnwritable)
        expect(error.message).toContain(file)
        expect(error.message).toContain("left as it was")
        expect(readFileSync(file, "utf8")).toBe("the previous plan\n")
        expect(readdirSync(dir)).toEqual(["plan.json"])
      })
    )
  )

  it.scoped("a directory that does not exist is OutputUnwritable naming the file, not a crash", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const file = join(dir, "missing", "plan.json")
        const error = yield* writeFileAtomic(file, "{}").pipe(Effect.flip)
        expect(error).toBeInstanceOf(OutputUnwritable)
        expect(error.file).toBe(file)
      })
    )
  )
})
