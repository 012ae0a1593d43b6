import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { FileSystem } from "@effect/platform"
import { SystemError } from "@effect/platform/Error"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readDesiredState } from "../../src/desired/readDesiredState.js"
import { SourceUnreadable } from "../../src/domain/errors.js"

const PLAN = "| Track | Phase | GH issue / OP wp | Status |\n|---|---|---|---|\n| T | P | wp#1 | **New** |\n"

/** Writes `content` into a fresh temporary directory and returns its path. */
const tempFile = (name: string, content: string | Uint8Array) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped()
    const path = `${dir}/${name}`
    yield* typeof content === "string" ? fs.writeFileString(path, content) : fs.writeFile(path, content)
    return path
  })

describe("readDesiredState", () => {
  it.effect("reads the example plan, with its text and the sha256 of its bytes", () =>
    Effect.gen(function* () {
      const path = "examples/F1_BUY_BOOST_PLAN.md"
      const doc = yield* readDesiredState(path)
      const bytes = readFileSync(path)
      expect(doc.text).toBe(bytes.toString("utf8"))
      expect(doc.sha256).toBe(createHash("sha256").update(bytes).digest("hex"))
      expect(doc.desired.file).toBe(path)
      expect(doc.desired.rows.length).toBe(14)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("reads a file with a BOM and CRLF line endings, dropping the BOM from the text", () =>
    Effect.gen(function* () {
      const path = yield* tempFile("bom.md", `\uFEFF${PLAN.replaceAll("\n", "\r\n")}`)
      const doc = yield* readDesiredState(path)
      expect(doc.text.startsWith("|")).toBe(true)
      expect(doc.desired.rows.map((r) => [r.line, r.workPackageId, r.state])).toEqual([[3, 1, "New"]])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("fails with SourceUnreadable for a missing file", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(readDesiredState("examples/does-not-exist.md"))
      expect(error).toEqual(new SourceUnreadable({ file: "examples/does-not-exist.md", reason: "no such file" }))
      expect(error.message).toContain("Check the --source path")
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("fails with SourceUnreadable for a directory", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(readDesiredState("examples"))
      expect(error).toEqual(new SourceUnreadable({ file: "examples", reason: "it is a directory, not a file" }))
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("fails with SourceUnreadable when permission is denied", () => {
    const denied = new SystemError({ reason: "PermissionDenied", module: "FileSystem", method: "stat" })
    return Effect.gen(function* () {
      const error = yield* Effect.flip(readDesiredState("secret/plan.md"))
      expect(error).toEqual(new SourceUnreadable({ file: "secret/plan.md", reason: "permission denied" }))
    }).pipe(Effect.provide(FileSystem.layerNoop({ stat: () => Effect.fail(denied) })))
  })

  it.effect("fails with SourceUnreadable at the line of the first byte that is not UTF-8", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(readDesiredState("examples/broken/not-utf8.md"))
      expect(error).toBeInstanceOf(SourceUnreadable)
      if (!(error instanceof SourceUnreadable)) return
      expect(error.line).toBe(5)
      expect(error.message).toContain("examples/broken/not-utf8.md:5: cannot read the plan document")
      expect(error.reason).toContain("0xe9")
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("a file of NUL bytes is named for what it is (binary data), not an encoding problem", () =>
    Effect.gen(function* () {
      const path = yield* tempFile("zeros.md", new Uint8Array([...Buffer.from(`${PLAN}\n`), ...new Uint8Array(4096)]))
      const error = yield* Effect.flip(readDesiredState(path))
      expect(error).toBeInstanceOf(SourceUnreadable)
      if (!(error instanceof SourceUnreadable)) return
      expect(error.reason).toBe(
        `the file holds NUL bytes (the first at offset ${PLAN.length + 1}), so it is binary data, not a markdown plan`
      )
      expect(error.reason).not.toContain("UTF-8")
      expect(error.line).toBe(5)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("passes on the parser's errors: a renamed column, a conflicting duplicate", () =>
    Effect.gen(function* () {
      const renamed = yield* Effect.flip(readDesiredState("examples/broken/renamed-column.md"))
      expect(renamed._tag).toBe("TableNotFound")
      expect(renamed.message).toContain("examples/broken/renamed-column.md:7  | Track | Phase | OP wp | Status |")
      const conflict = yield* Effect.flip(readDesiredState("examples/broken/conflicting-duplicate.md"))
      expect(conflict._tag).toBe("ConflictingRows")
      expect(conflict.message).toContain(
        "examples/broken/conflicting-duplicate.md:5 (In progress) vs examples/broken/conflicting-duplicate.md:7 (Closed)"
      )
      const none = yield* Effect.flip(readDesiredState("examples/broken/no-tables.md"))
      expect(none.message).toContain("The document has no tables.")
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("reads another table when given its spec", () =>
    Effect.gen(function* () {
      const doc = yield* readDesiredState("examples/broken/renamed-column.md", {
        columns: ["Track", "Phase", "OP wp", "Status"],
        idColumn: "OP wp",
        statusColumn: "Status"
      })
      expect(doc.desired.rows.map((r) => [r.line, r.workPackageId, r.state])).toEqual([
        [9, 43, "In progress"],
        [10, 44, "Closed"]
      ])
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
