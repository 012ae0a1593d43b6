import { createHash } from "node:crypto"
import type { UserDef } from "../world.js"

export const userHref = (id: number) => `/api/v3/users/${id}`

/**
 * OpenProject's default avatar is the Gravatar URL for the e-mail address (user_me.json): an absolute URL,
 * as the spec's `format: uri` requires, keyed by the MD5 of the trimmed, lower-cased address.
 */
const gravatarUrl = (email: string) =>
  `https://secure.gravatar.com/avatar/${createHash("md5").update(email.trim().toLowerCase()).digest("hex")}?default=404&secure=true`

/** `GET /api/v3/users/me` (user_me.json), for the API key's user. */
export const userBody = (u: UserDef, createdAt: string) => {
  const memberships = encodeURIComponent(JSON.stringify([{ principal: { operator: "=", values: [String(u.id)] } }]))
  const email = `${u.login}@sandbox.invalid`
  return {
    _type: "User",
    id: u.id,
    name: u.name,
    createdAt,
    updatedAt: createdAt,
    login: u.login,
    admin: false,
    firstName: u.firstName,
    lastName: u.lastName,
    email,
    avatar: gravatarUrl(email),
    status: "active",
    identityUrl: null,
    language: "en",
    _links: {
      self: { href: userHref(u.id), title: u.name },
      memberships: { href: `/api/v3/memberships?filters=${memberships}`, title: "Memberships" },
      showUser: { href: `/users/${u.id}`, type: "text/html" }
    }
  }
}
