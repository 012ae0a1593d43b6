import { Schema } from "effect"

/** A status the current user may move a work package to (from the form's allowedValues). */
export class AllowedStatus extends Schema.Class<AllowedStatus>("AllowedStatus")({
  id: Schema.Int,
  /** As the server gave it; send it back unchanged in a PATCH. */
  href: Schema.String,
  title: Schema.optional(Schema.String)
}) {}

/** The user the API token belongs to (GET /users/me): proves the token and names the author of audit comments. */
export class CurrentUser extends Schema.Class<CurrentUser>("CurrentUser")({
  id: Schema.Int,
  name: Schema.String,
  login: Schema.optional(Schema.String)
}) {}
