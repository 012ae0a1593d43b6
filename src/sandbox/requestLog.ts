import { Chunk, Effect, Ref } from "effect"
import type { RequestLogEntry } from "./SandboxConfig.js"

/** Every request the sandbox saw, in arrival order of their answers; read by tests and the benchmark. */
export interface RequestLog {
  readonly record: (entry: RequestLogEntry) => Effect.Effect<void>
  readonly entries: Effect.Effect<ReadonlyArray<RequestLogEntry>>
  readonly clear: Effect.Effect<void>
}

export const makeRequestLog: Effect.Effect<RequestLog> = Effect.map(
  Ref.make(Chunk.empty<RequestLogEntry>()),
  (ref) => ({
    record: (entry) => Ref.update(ref, Chunk.append(entry)),
    entries: Effect.map(Ref.get(ref), Chunk.toReadonlyArray),
    clear: Ref.set(ref, Chunk.empty())
  })
)

export const countMatching = (
  entries: ReadonlyArray<RequestLogEntry>,
  filter: { readonly method?: string; readonly pathPrefix?: string } = {}
): number =>
  entries.filter(
    (e) =>
      (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
      (filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix))
  ).length
