import { linkSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { checkOutputPath, OutputOverwritesInput } from "../../src/reconcile/outputGuard.js"

/** A directory with the plan document in docs/, and the spellings a user might type for an --out. */
const withDocument = <A, E>(use: (dir: string, doc: string) => Effect.Effect<A, E, FileSystem.FileSystem>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.realPath(yield* fs.makeTempDirectoryScoped())
    mkdirSync(join(dir, "docs"))
    const doc = join(dir, "docs", "plan.md")
    writeFileSync(doc, "# plan\n")
    return yield* use(dir, doc)
  }).pipe(Effect.provide(NodeFileSystem.layer))

const refused = (out: string, doc: string) =>
  checkOutputPath(out, [{ path: doc, role: "the plan document" }]).pipe(Effect.flip)

const allowed = (out: string, doc: string) => checkOutputPath(out, [{ path: doc, role: "the plan document" }])

describe("checkOutputPath (--out must not replace a file the run reads)", () => {
  it.scoped("refuses the document typed as it is, and names both paths and what the file is", () =>
    withDocument((_dir, doc) =>
      Effect.gen(function* () {
        const error = yield* refused(doc, doc)
        expect(error).toBeInstanceOf(OutputOverwritesInput)
        expect(error.message).toContain(`--out ${doc} would overwrite the plan document ${doc}`)
        expect(error.message).toContain("nothing was read or written")
      })
    )
  )

  it.scoped("refuses ./ and .. spellings and a relative path against an absolute one", () =>
    withDocument((dir, doc) =>
      Effect.gen(function* () {
        const spellings = [
          `${dir}/docs/./plan.md`,
          `${dir}/docs/../docs/plan.md`,
          `${dir}/docs/./../docs//plan.md`,
          relative(process.cwd(), doc)
        ]
        for (const out of spellings) {
          const error = yield* refused(out, doc)
          expect(error.message).toContain(`--out ${out} would overwrite the plan document ${doc} (both are ${doc})`)
        }
      })
    )
  )

  it.scoped(
    "refuses a symlink to the document, a document that is a symlink, and a path through a linked directory",
    () =>
      withDocument((dir, doc) =>
        Effect.gen(function* () {
          symlinkSync(doc, join(dir, "link-to-plan.md"))
          symlinkSync(join(dir, "docs"), join(dir, "linked-docs"))
          yield* refused(join(dir, "link-to-plan.md"), doc)
          yield* refused(doc, join(dir, "link-to-plan.md"))
          yield* refused(join(dir, "linked-docs", "plan.md"), doc)
          yield* refused(join(dir, "linked-docs", "..", "docs", "plan.md"), doc)
        })
      )
  )

  it.scoped("refuses a hard link to the document", () =>
    withDocument((dir, doc) =>
      Effect.gen(function* () {
        linkSync(doc, join(dir, "hard-link.md"))
        yield* refused(join(dir, "hard-link.md"), doc)
      })
    )
  )

  it.scoped("allows a new file next to the document, also through a linked directory that does not hold it yet", () =>
    withDocument((dir, doc) =>
      Effect.gen(function* () {
        symlinkSync(join(dir, "docs"), join(dir, "linked-docs"))
        yield* allowed(join(dir, "docs", "plan.json"), doc)
        yield* allowed(join(dir, "linked-docs", "plan.json"), doc)
        yield* allowed(join(dir, "not-yet", "deeper", "plan.json"), doc)
        yield* allowed(join(dir, "docs", "plan.md.json"), doc)
      })
    )
  )

  it.scoped("checks every protected path: the saved plan too", () =>
    withDocument((dir, doc) =>
      Effect.gen(function* () {
        const saved = join(dir, "saved.json")
        writeFileSync(saved, "{}")
        const error = yield* checkOutputPath(`${dir}/./saved.json`, [
          { path: doc, role: "the plan document" },
          { path: saved, role: "the saved plan" }
        ]).pipe(Effect.flip)
        expect(error.role).toBe("the saved plan")
        expect(error.message).toContain(`would overwrite the saved plan ${saved}`)
      })
    )
  )
})
