import { Context } from "effect"
import type { UserDef } from "./world.js"

/**
 * The user a request acts as, known from its API key. Writes are journaled under this user, `users/me`
 * answers with it, and only its own comments carry an `update` link (OpenProject lets authors edit theirs).
 */
export class ActingUser extends Context.Tag("sandbox/ActingUser")<ActingUser, UserDef>() {}
