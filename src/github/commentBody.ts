import { cutToLength, GITHUB_COMMENT_LIMIT } from "../render/markdownBudget.js"
import { markerComment } from "../render/markdownEscape.js"

/**
 * The sticky comment's body: a hidden marker that finds it again on the next run. GitHub's size limit and
 * the cut are render/markdownBudget.ts's; this module only applies them to the body it is about to send.
 */

/**
 * `<!-- op-reconcile:KEY -->`, the same marker the markdown renderer writes into the body. The key is normally
 * the source file's path, so each plan gets its own comment.
 */
export const commentMarker = (key: string): string => markerComment(key.trim())

/** The marker is the body's first line: only there does it identify op-reconcile's comment. */
export const carriesMarker = (body: string, marker: string): boolean =>
  (body.split(/\r?\n/, 1)[0] ?? "").trim() === marker

/** Puts the marker on the first line (renderers may place it there themselves), and nowhere else. */
export const withMarker = (body: string, marker: string): string =>
  carriesMarker(body, marker) ? body : `${marker}\n${body.split(marker).join("")}`

/** The body as sent: under GitHub's limit (cut by markdownBudget.ts, its start and the marker kept). */
export const fitCommentBody = (body: string): string => cutToLength(body, GITHUB_COMMENT_LIMIT - 1)

/** GitHub may hand back CRLF for a body it stored with LF: compare bodies without line-ending noise. */
export const sameCommentBody = (a: string, b: string): boolean =>
  a.replace(/\r\n/g, "\n").trimEnd() === b.replace(/\r\n/g, "\n").trimEnd()
