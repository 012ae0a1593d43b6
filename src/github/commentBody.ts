import { markerComment } from "../render/markdownEscape.js"

/**
 * The sticky comment's body: a hidden marker that finds it again on the next run, and GitHub's size limit.
 */

/** GitHub refuses comment bodies of 65,536 characters or more. */
export const COMMENT_BODY_LIMIT = 65_536

const TRUNCATION_NOTE =
  "\n\n---\n:scissors: This comment was cut to fit GitHub's 65,536-character limit. " +
  "Run `op-reconcile reconcile --dry-run` (or read the plan JSON of the workflow run) for the full plan.\n"

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

/**
 * Cuts a body to stay under the limit, keeping its start (the summary line and the marker) and ending with a note.
 * A cut never splits a surrogate pair.
 */
export const fitCommentBody = (body: string, limit: number = COMMENT_BODY_LIMIT): string => {
  if (body.length < limit) return body
  let end = limit - 1 - TRUNCATION_NOTE.length
  const last = body.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return body.slice(0, end) + TRUNCATION_NOTE
}

/** GitHub may hand back CRLF for a body it stored with LF: compare bodies without line-ending noise. */
export const sameCommentBody = (a: string, b: string): boolean =>
  a.replace(/\r\n/g, "\n").trimEnd() === b.replace(/\r\n/g, "\n").trimEnd()
