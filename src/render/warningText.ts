import { oneLine } from "../safeText/oneLine.js"

/**
 * One format for every warning op-reconcile prints, on stderr, by every command: `FILE:LINE: warning: …`
 * (the compilers' format, which editors and CI logs link to the line), or `warning: …` without a place.
 */
export const warningLine = (location: string | undefined, message: string): string =>
  location === undefined ? `warning: ${oneLine(message)}` : `${oneLine(location)}: warning: ${oneLine(message)}`

// The plan's warnings are sentences that start with their place (`FILE:LINE: …`; planner.ts).
const PLACED = /^(.+?:\d+): ([\s\S]*)$/

/** A warning of the plan document (`FILE:LINE: message`) in the one format. */
export const planWarningLine = (warning: string): string => {
  const placed = PLACED.exec(warning)
  return placed === null ? warningLine(undefined, warning) : warningLine(placed[1], placed[2] ?? "")
}
