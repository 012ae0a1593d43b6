import type { UserDef } from "../world.js"

export const userHref = (id: number) => `/api/v3/users/${id}`

/** `GET /api/v3/users/me` (user_me.json), for the API key's user. */
export const userBody = (u: UserDef, createdAt: string) => {
  const memberships = encodeURIComponent(JSON.stringify([{ principal: { operator: "=", values: [String(u.id)] } }]))
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
    email: `${u.login}@sandbox.invalid`,
    avatar: "https://secure.gravatar.com/avatar/?default=404&secure=true",
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
