import type { Ref } from "effect"
import type { SandboxState } from "./state.js"
import type { World } from "./world.js"

/** What the route handlers share: the fixed world and the changing state. */
export interface SandboxEnv {
  readonly world: World
  readonly state: Ref.Ref<SandboxState>
}
