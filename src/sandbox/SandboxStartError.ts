import { Schema } from "effect"

/** The sandbox could not start: its configuration is inconsistent or the port could not be bound. */
export class SandboxStartError extends Schema.TaggedError<SandboxStartError>()("SandboxStartError", {
  reason: Schema.String
}) {
  override get message(): string {
    return `The OpenProject sandbox could not start: ${this.reason}. Fix the seed (statuses, work packages, forbidden transitions) or choose another --port.`
  }
}
