import { spawn } from "node:child_process"
import { createServer } from "node:net"
import { join } from "node:path"
import { Effect } from "effect"

const ROOT = join(import.meta.dirname, "../../..")
const PRISM = join(ROOT, "node_modules/.bin/prism")
const SPEC = join(ROOT, "test/contract/openapi/bundled.yml")

/** A port nobody listens on right now (the OS picks it). */
const freePort = Effect.async<number>((resume) => {
  const probe = createServer()
  probe.listen(0, "127.0.0.1", () => {
    const address = probe.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    probe.close(() => resume(Effect.succeed(port)))
  })
})

/** Prism needs a few seconds to read the spec; past this it is considered broken. */
const STARTUP_LIMIT_MS = 60_000

/**
 * Prism as a validating proxy in front of `upstream`: every request and every answer is checked against
 * OpenProject's OpenAPI spec and the violations are listed in the `sl-violations` header. With `errors`
 * (`--errors`), a request violation is answered 422 and an answer violation replaced by a 500.
 * Killed when the scope closes.
 */
export const startPrismProxy = (upstream: string, options: { readonly errors: boolean }) =>
  Effect.gen(function* () {
    const port = yield* freePort
    const output: Array<string> = []
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(
          PRISM,
          ["proxy", "-h", "127.0.0.1", "-p", String(port), SPEC, upstream, ...(options.errors ? ["--errors"] : [])],
          {
            cwd: ROOT,
            stdio: ["ignore", "pipe", "pipe"]
          }
        )
      ),
      (process) =>
        Effect.async<void>((resume) => {
          if (process.exitCode !== null || process.signalCode !== null) return resume(Effect.void)
          process.once("exit", () => resume(Effect.void))
          process.kill("SIGTERM")
        })
    )
    yield* Effect.async<void, Error>((resume) => {
      // a guard, not a wait: it only fires if Prism never says it listens
      const guard = setTimeout(
        () => resume(Effect.fail(new Error(`Prism did not start:\n${output.join("")}`))),
        STARTUP_LIMIT_MS
      )
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString())
        if (output.join("").includes("Prism is listening")) {
          clearTimeout(guard)
          resume(Effect.void)
        }
      }
      child.stdout?.on("data", onData)
      child.stderr?.on("data", onData)
      child.once("exit", (code) => {
        clearTimeout(guard)
        resume(Effect.fail(new Error(`Prism exited with ${code}:\n${output.join("")}`)))
      })
    }).pipe(Effect.orDie)
    return { url: `http://127.0.0.1:${port}`, output: () => output.join("") }
  })
