import { Schema } from "effect"

/**
 * A work package's history as OpenProject's activities show it: one entry per journal, oldest first.
 * Journals of the same user within OpenProject's aggregation window are already merged into one entry.
 */

/** One changed attribute, as OpenProject renders it: a sentence in the API user's language, and its HTML. */
export class ActivityDetail extends Schema.Class<ActivityDetail>("ActivityDetail")({
  raw: Schema.String,
  /** The sentence as HTML: the attribute's label in <strong>, old and new values each in <i>. */
  html: Schema.String
}) {}

export class WorkPackageActivity extends Schema.Class<WorkPackageActivity>("WorkPackageActivity")({
  id: Schema.Int,
  /** The journal's user, from `_links.user.href`; absent when the link names no user id. */
  userId: Schema.optional(Schema.Int),
  /** `_links.user.title`, which only some OpenProject versions render. */
  userTitle: Schema.optional(Schema.String),
  /** ISO time of the journal; absent when the server does not say. */
  createdAt: Schema.optional(Schema.String),
  /** The comment's markdown as stored ("" when the journal has no comment). */
  comment: Schema.String,
  /** What the journal changed; empty for a comment alone. */
  details: Schema.Array(ActivityDetail)
}) {}

/** A user as OpenProject names them (GET /api/v3/users/{id}). */
export class UserName extends Schema.Class<UserName>("UserName")({
  id: Schema.Int,
  name: Schema.String
}) {}
