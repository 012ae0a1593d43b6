import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { GitHubContext } from "../../src/github/GitHubContext.js"
import { formatOutput, setOutputs } from "../../src/github/outputs.js"
import { appendStepSummary } from "../../src/github/stepSummary.js"

/** A temp dir holding the files GitHub Actions would hand the step, and a context pointing at them. */
const actionsFiles = Effect.gen(function* () {
  const fs = yield* FileSystem.FileSystem
  const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-gh-" })
  const summary = `${dir}/step_summary.md`
  const output = `${dir}/output.txt`
  yield* fs.writeFileString(summary, "# earlier step\n")
  yield* fs.writeFileString(output, "")
  const context = GitHubContext.layer({
    inActions: true,
    stepSummaryPath: Option.some(summary),
    outputPath: Option.some(output)
  })
  return { fs, summary, output, context }
})

describe("appendStepSummary", () => {
  it.scoped("appends the markdown after what earlier steps wrote", () =>
    Effect.gen(function* () {
      const { fs, summary, context } = yield* actionsFiles
      const written = yield* appendStepSummary("## op-reconcile\nPlan: 1 to transition.").pipe(Effect.provide(context))
      yield* appendStepSummary("second run\n").pipe(Effect.provide(context))

      expect(written).toBe(true)
      expect(yield* fs.readFileString(summary)).toBe(
        "# earlier step\n## op-reconcile\nPlan: 1 to transition.\nsecond run\n"
      )
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.effect("outside GitHub Actions writes nothing", () =>
    Effect.gen(function* () {
      const written = yield* appendStepSummary("x").pipe(Effect.provide(GitHubContext.layer({})))
      expect(written).toBe(false)
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scoped("an unwritable summary file is a typed error naming the variable", () =>
    Effect.gen(function* () {
      const { summary } = yield* actionsFiles
      const context = GitHubContext.layer({ stepSummaryPath: Option.some(`${summary}/not-a-dir/x.md`) })
      const error = yield* appendStepSummary("x").pipe(Effect.provide(context), Effect.flip)
      expect(error._tag).toBe("GitHubFileWriteFailed")
      expect(error.message).toContain("GITHUB_STEP_SUMMARY")
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )
})

describe("outputs", () => {
  it("formats single-line values as name=value and multi-line ones as a heredoc", () => {
    expect(formatOutput("changes", 3, "ghadelimiter_x")).toBe("changes=3\n")
    expect(formatOutput("summary", "a\nb", "ghadelimiter_x")).toBe("summary<<ghadelimiter_x\na\nb\nghadelimiter_x\n")
  })

  it.scoped("setOutputs appends to $GITHUB_OUTPUT with a random delimiter per call", () =>
    Effect.gen(function* () {
      const { fs, output, context } = yield* actionsFiles
      const written = yield* setOutputs({
        changes: 2,
        "plan-path": "/tmp/plan.json",
        summary: "Plan: 2 to transition.\nwp#44 In progress → New"
      }).pipe(Effect.provide(context))
      yield* setOutputs({ comment: "first\nsecond" }).pipe(Effect.provide(context))

      expect(written).toBe(true)
      const text = yield* fs.readFileString(output)
      const delimiters = [...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})\n/g)].map((m) => m[1])
      expect(delimiters).toHaveLength(2)
      expect(delimiters[0]).not.toBe(delimiters[1])
      expect(text).toBe(
        "changes=2\nplan-path=/tmp/plan.json\n" +
          `summary<<${delimiters[0]}\nPlan: 2 to transition.\nwp#44 In progress → New\n${delimiters[0]}\n` +
          `comment<<${delimiters[1]}\nfirst\nsecond\n${delimiters[1]}\n`
      )
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scoped("refuses an output name the runner would misread", () =>
    Effect.gen(function* () {
      const { fs, output, context } = yield* actionsFiles
      const error = yield* setOutputs({ "bad=name": 1 }).pipe(Effect.provide(context), Effect.flip)
      expect(error._tag).toBe("GitHubFileWriteFailed")
      expect(yield* fs.readFileString(output)).toBe("")
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.effect("outside GitHub Actions writes nothing", () =>
    Effect.gen(function* () {
      const written = yield* setOutputs({ changes: 1 }).pipe(Effect.provide(GitHubContext.layer({})))
      expect(written).toBe(false)
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )
})
