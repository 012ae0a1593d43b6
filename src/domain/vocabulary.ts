import { CANONICAL_STATES, QUALIFIERS, stateKey } from "./stateNames.js"

/**
 * The words a plan may write in bold, and what each one means on this OpenProject. The runbook's eight
 * states are always words; a config's `states:` adds its keys and maps words to the server's status names
 * (a German instance says `Erledigt` where the plan says **Closed**). A word without a mapping means the
 * status of the same name. Words are compared without regard to case or spacing, like status names.
 */
export interface Vocabulary {
  /** stateKey(word) → the word as the runbook or the config spells it. */
  readonly words: ReadonlyMap<string, string>
  /** stateKey(word) → the OpenProject status name it stands for, for mapped words only. */
  readonly statuses: ReadonlyMap<string, string>
  /** Verdict words that may follow the state, upper case. */
  readonly qualifiers: ReadonlyArray<string>
}

export interface VocabularySettings {
  /** Merged in order: later maps win (the top-level `states:`, then a plan's own). */
  readonly states?: ReadonlyArray<Readonly<Record<string, string>>>
  readonly qualifiers?: ReadonlyArray<string>
}

export const makeVocabulary = (settings: VocabularySettings = {}): Vocabulary => {
  const words = new Map<string, string>(CANONICAL_STATES.map((s) => [stateKey(s), s]))
  const statuses = new Map<string, string>()
  for (const map of settings.states ?? []) {
    for (const [word, status] of Object.entries(map)) {
      const key = stateKey(word)
      if (key === "") continue
      // The runbook's spelling of its own eight words is kept; a config adds new words as it spells them.
      if (!words.has(key)) words.set(key, word.trim().replace(/\s+/g, " "))
      statuses.set(key, status.trim())
    }
  }
  const qualifiers = [...new Set((settings.qualifiers ?? QUALIFIERS).map((q) => q.trim().toUpperCase()))].filter(
    (q) => q !== ""
  )
  return { words, statuses, qualifiers }
}

/** The runbook's vocabulary: the eight states, each meaning the status of its own name, and three qualifiers. */
export const DEFAULT_VOCABULARY: Vocabulary = makeVocabulary()

/** The word a bold text names, as the vocabulary spells it, if it is one. */
export const wordOf = (vocabulary: Vocabulary, text: string): string | undefined => vocabulary.words.get(stateKey(text))

/** The OpenProject status name a word stands for: its mapping, or the word itself. */
export const statusNameFor = (vocabulary: Vocabulary, word: string): string =>
  vocabulary.statuses.get(stateKey(word)) ?? word

/** The words in the order a message lists them: the runbook's first, then the config's. */
export const wordList = (vocabulary: Vocabulary): ReadonlyArray<string> => [...vocabulary.words.values()]
