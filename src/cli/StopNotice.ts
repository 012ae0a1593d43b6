import { Context, Effect, Option, Ref } from "effect"

/**
 * What op-reconcile says when a signal stops it: the command keeps it up to date as it works (an apply
 * counts the items it settled), and the CLI prints it once, on stderr, after the in-flight work settled.
 * Commands that set nothing stop silently.
 */
export class StopNotice extends Context.Tag("op-reconcile/StopNotice")<StopNotice, Ref.Ref<Option.Option<string>>>() {
  static readonly make = Ref.make(Option.none<string>())

  /** Sets what to say if the run is stopped from now on. */
  static readonly set = (text: string) =>
    Effect.serviceOption(StopNotice).pipe(
      Effect.flatMap(Option.match({ onNone: () => Effect.void, onSome: (ref) => Ref.set(ref, Option.some(text)) }))
    )
}
