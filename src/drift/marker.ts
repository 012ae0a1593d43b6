import { Either, Schema } from "effect"

/**
 * The last-applied state, kept where the team's history already is: every audit comment op-reconcile posts
 * ends with a marker that says, machine-readably, which status it set on which work package, from which
 * plan file and line, at which commit. OpenProject renders comments as markdown and its sanitizer drops
 * HTML comments, so the marker is invisible in the rendered comment and kept verbatim in `comment.raw`.
 *
 *   <!-- op-reconcile:v2 {"wp":43,"lockVersion":8,"fromId":5,"from":"In testing","toId":4,…} -->
 *
 * Version 1 (`<!-- op-reconcile:wp43:v8 -->`) only named the work package and its lockVersion after the
 * change; it is still recognised, so a comment whose POST answer was lost is never posted twice, and the
 * status it set is read from the comment's own first line when that line is there.
 */

/** Version 2: what op-reconcile set, and why. */
export class AppliedMarker extends Schema.Class<AppliedMarker>("AppliedMarker")({
  wp: Schema.Int.pipe(Schema.positive()),
  /** The work package's lockVersion right after op-reconcile's change. */
  lockVersion: Schema.NonNegativeInt,
  fromId: Schema.NonNegativeInt,
  from: Schema.String,
  toId: Schema.NonNegativeInt,
  to: Schema.String,
  /** The plan document (as the run named it) and the row's line. */
  source: Schema.String,
  line: Schema.NonNegativeInt,
  commit: Schema.optional(Schema.String)
}) {}

const MarkerJson = Schema.parseJson(AppliedMarker)

/** What a marker found in a comment tells. Version 1 knows the status it set only by name, if at all. */
export type RecognisedMarker =
  | { readonly version: 2; readonly wp: number; readonly lockVersion: number; readonly applied: AppliedMarker }
  | { readonly version: 1; readonly wp: number; readonly lockVersion: number; readonly toName: string | undefined }

const V2_PREFIX = "<!-- op-reconcile:v2 "
const SUFFIX = " -->"

/**
 * JSON with every character that could end the HTML comment or the line (`<`, `>`, `-`, `&`, anything
 * outside printable ASCII) written as a \\u escape: hostile paths and status names stay inside the marker,
 * and the marker stays one ASCII line. Numbers are non-negative integers, so `-` only occurs in strings.
 */
const escapeForComment = (json: string): string =>
  json.replace(/[^\x20-\x7e]|[<>&-]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

export const encodeMarker = (marker: AppliedMarker): string =>
  `${V2_PREFIX}${escapeForComment(Schema.encodeSync(MarkerJson)(marker))}${SUFFIX}`

// The encoded JSON holds no `<` or `>`, so the first ` -->` after the JSON ends a real marker.
const V2_PATTERN = /<!-- op-reconcile:v2 (\{[^<>\n]*?\}) -->/g
const V1_PATTERN = /<!-- op-reconcile:wp(\d+):v(\d+) -->/g
// Version 1's first line; only read from comments of op-reconcile's own user (see the classifier).
const V1_STATUS_LINE = /^Status changed from \*\*.*\*\* to \*\*(.+)\*\* by op-reconcile/

/** Every marker in one comment, in order; a marker that does not decode is not a marker. */
export const markersIn = (comment: string): ReadonlyArray<RecognisedMarker> => {
  const found: Array<{ readonly at: number; readonly marker: RecognisedMarker }> = []
  for (const match of comment.matchAll(V2_PATTERN)) {
    const decoded = Schema.decodeEither(MarkerJson)(match[1] ?? "")
    if (Either.isRight(decoded)) {
      const applied = decoded.right
      found.push({
        at: match.index,
        marker: { version: 2, wp: applied.wp, lockVersion: applied.lockVersion, applied }
      })
    }
  }
  for (const match of comment.matchAll(V1_PATTERN)) {
    const toName = V1_STATUS_LINE.exec(comment)?.[1]
    found.push({
      at: match.index,
      marker: { version: 1, wp: Number(match[1]), lockVersion: Number(match[2]), toName }
    })
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.marker)
}

/** The comment carries op-reconcile's marker for this change (any version): posting it again would repeat it. */
export const marksChange = (comment: string, workPackageId: number, lockVersionAfter: number): boolean =>
  markersIn(comment).some((m) => m.wp === workPackageId && m.lockVersion === lockVersionAfter)
