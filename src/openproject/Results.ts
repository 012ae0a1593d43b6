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

/** OpenProject's refusal of a status change, as the form reports it (the same message a PATCH's 422 carries). */
export class FormRefusal extends Schema.Class<FormRefusal>("FormRefusal")({
  errorIdentifier: Schema.String,
  message: Schema.String
}) {}

/**
 * The form's verdict on one status change, written nothing (OpenProject's server-side dry-run, README §13):
 * `refusal` when it would be refused, and the statuses allowed from the persisted one (it included).
 */
export class TransitionCheck extends Schema.Class<TransitionCheck>("TransitionCheck")({
  refusal: Schema.optional(FormRefusal),
  allowed: Schema.Array(AllowedStatus)
}) {}
