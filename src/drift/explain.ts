import type { Cause } from "../domain/cause.js"

/** How the renders and the mass-edit guard put a change's cause into words. Pure. */

export interface ExplainedItem {
  readonly cause?: Cause | undefined
  readonly changedBy?: string | undefined
  readonly changedAt?: string | undefined
}

/** "just now", "12 min ago", "2h ago", "3 days ago": how long before `now` (ISO) the edit was made. */
export const ago = (at: string, now: string): string | undefined => {
  const then = Date.parse(at)
  const current = Date.parse(now)
  if (Number.isNaN(then) || Number.isNaN(current)) return undefined
  const minutes = Math.floor(Math.max(0, current - then) / 60_000)
  if (minutes < 1) return "just now"
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours}h ago`
  return `${Math.floor(hours / 24)} days ago`
}

const byWhomAndWhen = (item: ExplainedItem, now: string): string => {
  const when = item.changedAt === undefined ? undefined : ago(item.changedAt, now)
  return [item.changedBy === undefined ? "" : ` by ${item.changedBy}`, when === undefined ? "" : `, ${when}`].join("")
}

/**
 * The phrase after a change in every render, e.g. "reverts an edit by Pat Operator, 2h ago". `now` is the
 * plan's own time, so a saved plan reads the same later.
 */
export const causePhrase = (item: ExplainedItem, now: string): string | undefined => {
  switch (item.cause) {
    case "edited-in-openproject":
      return `reverts an edit${byWhomAndWhen(item, now)}`
    case "both-changed":
      return `plan changed, and so did OpenProject${byWhomAndWhen(item, now)}: follows the plan`
    case "plan-changed":
      return "plan changed"
    case "first-sync":
      return "first sync"
    default:
      return undefined
  }
}

/** The phrase for an edit left in place (self-heal off), e.g. "edited by Pat Operator, 2h ago; left as it is". */
export const driftPhrase = (item: ExplainedItem, now: string): string => {
  const when = item.changedAt === undefined ? undefined : ago(item.changedAt, now)
  const who = item.changedBy === undefined ? "edited in OpenProject" : `edited by ${item.changedBy}`
  return `${who}${when === undefined ? "" : `, ${when}`}; left as it is (self-heal off)`
}

const hhmm = (iso: string): string => iso.slice(11, 16)
const day = (iso: string): string => iso.slice(0, 10)

/** "between 10:02 and 10:05 UTC", "at 10:02 UTC", across days with the dates. */
const span = (times: ReadonlyArray<string>): string => {
  const sorted = times
    .filter((t) => !Number.isNaN(Date.parse(t)))
    .map((t) => new Date(Date.parse(t)).toISOString())
    .sort()
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  if (first === undefined || last === undefined) return ""
  const sameDay = day(first) === day(last)
  const show = (t: string) => (sameDay ? hhmm(t) : `${day(t)} ${hhmm(t)}`)
  return hhmm(first) === hhmm(last) && sameDay
    ? ` at ${show(first)} UTC`
    : ` between ${show(first)} and ${show(last)} UTC`
}

/** "Pat Operator", "Pat Operator (40) and Sam Lee (8)", "Ann (3), Bob (2) and 4 others". */
const people = (items: ReadonlyArray<ExplainedItem>): string => {
  const counts = new Map<string, number>()
  for (const i of items) if (i.changedBy !== undefined) counts.set(i.changedBy, (counts.get(i.changedBy) ?? 0) + 1)
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (ranked.length === 0) return ""
  if (ranked.length === 1) return ` by ${ranked[0]?.[0]}`
  const named = ranked.slice(0, 3).map(([name, n]) => `${name} (${n})`)
  const rest = ranked.length - named.length
  const list =
    rest > 0
      ? `${named.join(", ")} and ${rest} others`
      : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`
  return ` by ${list}`
}

/**
 * What a refused mass change consists of, for the --max-changes message, e.g. "48 of 50 revert edits by Pat
 * Operator between 10:02 and 10:05 UTC; 2 are plan changes". Empty when no cause is known.
 */
export const causeBreakdown = (items: ReadonlyArray<ExplainedItem>): string => {
  const total = items.length
  const of = (cause: Cause) => items.filter((i) => i.cause === cause)
  const edits = of("edited-in-openproject")
  const both = of("both-changed")
  const parts: Array<string> = []
  const edited = (group: ReadonlyArray<ExplainedItem>) =>
    `${people(group)}${span(group.flatMap((i) => (i.changedAt === undefined ? [] : [i.changedAt])))}`
  if (edits.length > 0) parts.push(`${edits.length} of ${total} revert edits${edited(edits)}`)
  if (both.length > 0) parts.push(`${both.length} follow plan changes over edits${edited(both)}`)
  const planChanged = of("plan-changed").length
  if (planChanged > 0) parts.push(`${planChanged} ${planChanged === 1 ? "is a plan change" : "are plan changes"}`)
  const firstSync = of("first-sync").length
  if (firstSync > 0) parts.push(`${firstSync} ${firstSync === 1 ? "is a first sync" : "are first syncs"}`)
  return parts.join("; ")
}
