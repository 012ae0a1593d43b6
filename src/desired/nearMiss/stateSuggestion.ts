import { closestKey } from "../../config/closestKey.js"
import { stateKey } from "../../domain/stateNames.js"
import { type Vocabulary, wordList, wordOf } from "../../domain/vocabulary.js"

/**
 * Words people write for the runbook's states, by the state they usually mean. A suggestion, never a
 * reading: the row stays skipped until the plan says the state (`--strict` fails on it).
 */
const SYNONYMS: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["Closed", ["done", "complete", "completed", "finished", "resolved", "fixed", "merged", "shipped", "released"]],
  ["In progress", ["wip", "doing", "started", "ongoing", "in work", "in development", "in dev", "active", "working"]],
  ["In testing", ["testing", "test", "qa", "in qa", "in review", "review", "verifying", "in verification"]],
  ["On hold", ["blocked", "paused", "waiting", "parked", "deferred", "postponed", "hold"]],
  ["Rejected", ["cancelled", "canceled", "dropped", "abandoned", "won't do", "wont do", "wontfix", "declined"]],
  ["Backlog", ["todo", "to do", "later", "icebox"]],
  ["New", ["open", "created", "not started"]],
  ["Specified", ["spec", "specced", "specification", "designed", "ready"]]
]

const SYNONYM_OF: ReadonlyMap<string, string> = new Map(
  SYNONYMS.flatMap(([state, words]) => words.map((w) => [w, state] as const))
)

// `in-progress`, `In_Progress`, `in progress:` and `In Progress.` are spellings of one word.
const looselyWritten = (bold: string): string =>
  bold
    .replace(/[-_/.:;,!?'"`]+/g, (p) => (p === "'" ? p : " "))
    .replace(/\s+/g, " ")
    .trim()

/**
 * The word of the vocabulary a bold text that is not a state was most likely meant to be, if any: the
 * same word written with dashes, underscores or punctuation; a common synonym of one of the runbook's
 * states (**Done** → Closed); or a slip of a letter or two (**In progres**). Pure; case does not matter.
 */
export const suggestState = (bold: string, vocabulary: Vocabulary): string | undefined => {
  if (wordOf(vocabulary, bold) !== undefined) return undefined
  const loose = looselyWritten(bold)
  const respelled = wordOf(vocabulary, loose)
  if (respelled !== undefined) return respelled
  const synonym = SYNONYM_OF.get(stateKey(loose))
  // A synonym only when the state it names is a word of this plan (always true for the runbook's eight).
  if (synonym !== undefined && wordOf(vocabulary, synonym) !== undefined) return wordOf(vocabulary, synonym)
  if (stateKey(loose).length < 3) return undefined
  const slip = closestKey(stateKey(loose), wordList(vocabulary).map(stateKey))
  return slip === undefined ? undefined : wordOf(vocabulary, slip)
}
