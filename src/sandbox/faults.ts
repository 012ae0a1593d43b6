import { Either } from "effect"
import { nextRandom } from "./random.js"
import type { FaultRule, SandboxFault } from "./SandboxConfig.js"

/**
 * Scripted faults: which request gets which fault. Each rule counts the requests matching its method and
 * path; `occurrences` picks by that count, `probability` by the seeded random sequence. The first rule that
 * fires wins, but every matching rule counts the request.
 */

interface ArmedRule {
  readonly rule: FaultRule
  readonly pattern: RegExp | undefined
  readonly matched: number
}

export interface FaultBook {
  readonly rules: ReadonlyArray<ArmedRule>
  /** The PRNG state for `probability` rules. */
  readonly random: number
}

/** Compile a rule's path pattern; a pattern that is not a valid RegExp is reported, not thrown. */
export const armRule = (rule: FaultRule): Either.Either<ArmedRule, string> => {
  if (rule.path === undefined) return Either.right({ rule, pattern: undefined, matched: 0 })
  const source = rule.path
  return Either.try({
    try: () => ({ rule, pattern: new RegExp(source), matched: 0 }),
    catch: () => `fault path "${source}" is not a valid regular expression`
  })
}

export const emptyBook = (seed: number): FaultBook => ({ rules: [], random: seed | 0 })

export const addRule = (book: FaultBook, rule: ArmedRule): FaultBook => ({ ...book, rules: [...book.rules, rule] })

export const pickFault = (
  book: FaultBook,
  method: string,
  path: string
): readonly [SandboxFault | undefined, FaultBook] => {
  let random = book.random
  let chosen: SandboxFault | undefined
  const rules = book.rules.map((armed) => {
    const { rule, pattern } = armed
    if (rule.method !== undefined && rule.method.toUpperCase() !== method) return armed
    if (pattern !== undefined && !pattern.test(path)) return armed
    const matched = armed.matched + 1
    let fires: boolean
    if (rule.occurrences !== undefined) {
      fires = rule.occurrences.includes(matched)
    } else if (rule.probability !== undefined) {
      const [value, next] = nextRandom(random)
      random = next
      fires = value < rule.probability
    } else {
      fires = true
    }
    if (fires && chosen === undefined) chosen = rule.fault
    return { ...armed, matched }
  })
  return [chosen, { rules, random }]
}
