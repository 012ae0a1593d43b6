import type { UserDef } from "../world.js"
import { userHref } from "./userBody.js"

/** `GET /api/v3` (root.json). */
export const rootBody = (user: UserDef) => ({
  _type: "Root",
  instanceName: "OpenProject sandbox",
  coreVersion: "15.0.0",
  _links: {
    self: { href: "/api/v3" },
    configuration: { href: "/api/v3/configuration" },
    memberships: { href: "/api/v3/memberships" },
    priorities: { href: "/api/v3/priorities" },
    relations: { href: "/api/v3/relations" },
    statuses: { href: "/api/v3/statuses" },
    time_entries: { href: "/api/v3/time_entries" },
    types: { href: "/api/v3/types" },
    user: { href: userHref(user.id), title: user.name },
    userPreferences: { href: "/api/v3/my_preferences" },
    users: { href: "/api/v3/users" },
    workPackages: { href: "/api/v3/work_packages" }
  }
})
