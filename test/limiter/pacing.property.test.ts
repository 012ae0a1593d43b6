import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import {
  admit,
  type Feedback,
  initialPacing,
  observe,
  type PacingSettings,
  type PacingState,
  pacingSettings
} from "../../src/limiter/pacing.js"

const settingsArb: fc.Arbitrary<PacingSettings> = fc
  .record({
    rate: fc.double({ min: 0.05, max: 1000, noNaN: true }),
    burst: fc.integer({ min: 1, max: 200 }),
    hold: fc.integer({ min: 1000, max: 300_000 })
  })
  .map(({ rate, burst, hold }) => pacingSettings(rate, burst, hold))

const feedbackArb: fc.Arbitrary<Omit<Feedback, "waitUntil"> & { readonly waitFor?: number | undefined }> = fc.record(
  {
    outcome: fc.constantFrom("success", "throttled", "other"),
    remaining: fc.option(fc.nat(50), { nil: undefined }),
    waitFor: fc.option(fc.nat(600_000), { nil: undefined })
  },
  { requiredKeys: ["outcome"] }
)

/** One step of a run: time passes, then a request asks for a slot or an answer comes back. */
interface Step {
  readonly after: number
  readonly event:
    | { readonly kind: "ask" }
    | {
        readonly kind: "answer"
        readonly outcome: Feedback["outcome"]
        readonly remaining?: number | undefined
        readonly waitFor?: number | undefined
      }
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  after: fc.nat(3000),
  event: fc.oneof(
    fc.constant({ kind: "ask" as const }),
    feedbackArb.map((f) => ({ kind: "answer" as const, ...f }))
  )
})

interface Trace {
  /** When each admitted request started, with the step at which it was admitted. */
  readonly admitted: ReadonlyArray<{ readonly step: number; readonly at: number }>
  /** The earliest start each server hold allows (capped as the settings say), from the step it was given. */
  readonly holds: ReadonlyArray<{ readonly step: number; readonly until: number }>
  readonly states: ReadonlyArray<PacingState>
}

const run = (settings: PacingSettings, steps: ReadonlyArray<Step>): Trace => {
  let now = 1_000_000
  let state = initialPacing(settings, now)
  const admitted: Array<{ step: number; at: number }> = []
  const holds: Array<{ step: number; until: number }> = []
  const states: Array<PacingState> = [state]
  for (const [step, { after, event }] of steps.entries()) {
    now += after
    if (event.kind === "ask") {
      const decision = admit(state, settings, now)
      state = decision.state
      if (decision.waitMillis === 0) admitted.push({ step, at: now })
    } else {
      const waitUntil = event.waitFor === undefined ? undefined : now + event.waitFor
      state = observe(state, settings, now, { outcome: event.outcome, remaining: event.remaining, waitUntil })
      if (waitUntil !== undefined) holds.push({ step, until: Math.min(waitUntil, now + settings.maxHoldMillis) })
    }
    states.push(state)
  }
  return { admitted, holds, states }
}

describe("the polite limiter's rate decisions", () => {
  test.prop([settingsArb, fc.array(stepArb, { maxLength: 200 })])(
    "the rate stays between the floor and the configured rate, the bucket never holds more than the burst",
    (settings, steps) => {
      for (const state of run(settings, steps).states) {
        expect(state.rate).toBeGreaterThanOrEqual(settings.minRate)
        expect(state.rate).toBeLessThanOrEqual(settings.maxRate)
        expect(state.tokens).toBeLessThanOrEqual(settings.burst)
      }
    }
  )

  test.prop([settingsArb, fc.array(stepArb, { maxLength: 200 })])(
    "no window of time admits more than the burst plus the configured rate over that window",
    (settings, steps) => {
      const starts = run(settings, steps).admitted.map((a) => a.at)
      for (let i = 0; i < starts.length; i++) {
        for (let j = i; j < starts.length; j++) {
          const windowMs = (starts[j] ?? 0) - (starts[i] ?? 0)
          expect(j - i + 1).toBeLessThanOrEqual(settings.burst + (windowMs * settings.maxRate) / 1000 + 1e-9)
        }
      }
    }
  )

  test.prop([settingsArb, fc.array(stepArb, { maxLength: 200 })])(
    "no request starts sooner than a server's Retry-After or RateLimit-Reset (up to the longest hold)",
    (settings, steps) => {
      const { admitted, holds } = run(settings, steps)
      for (const hold of holds) {
        expect(admitted.filter((a) => a.step > hold.step && a.at < hold.until)).toEqual([])
      }
    }
  )

  test.prop([settingsArb, fc.array(stepArb, { maxLength: 50 }), fc.nat(1000)])(
    "a 429 halves the rate, down to the floor, and spends the burst",
    (settings, steps, after) => {
      const before = run(settings, steps).states.at(-1) ?? initialPacing(settings, 0)
      const next = observe(before, settings, before.updatedAt + after, { outcome: "throttled" })
      expect(next.rate).toBeCloseTo(Math.max(settings.minRate, before.rate / 2), 9)
      expect(next.tokens).toBeLessThanOrEqual(0)
    }
  )

  test.prop([settingsArb, fc.integer({ min: 1, max: 12 })])(
    "successes let the rate climb back by a fixed step until it is the configured rate again",
    (settings, throttles) => {
      let state = initialPacing(settings, 0)
      for (let i = 0; i < throttles; i++) state = observe(state, settings, 0, { outcome: "throttled" })
      let previous = state.rate
      for (let i = 0; i < 25; i++) {
        state = observe(state, settings, 0, { outcome: "success" })
        expect(state.rate).toBeCloseTo(Math.min(settings.maxRate, previous + settings.increase), 9)
        previous = state.rate
      }
      expect(state.rate).toBe(settings.maxRate)
    }
  )

  test.prop([settingsArb])("a normal run is not throttled: a whole burst goes at once", (settings) => {
    let state = initialPacing(settings, 0)
    for (let i = 0; i < settings.burst; i++) {
      const decision = admit(state, settings, 0)
      expect(decision.waitMillis).toBe(0)
      state = decision.state
    }
    const next = admit(state, settings, 0)
    expect(next.waitMillis).toBe(Math.max(1, Math.ceil(1000 / settings.maxRate)))
  })

  test.prop([settingsArb, fc.nat(50), fc.integer({ min: 1, max: 60_000 })])(
    "RateLimit-Remaining caps the burst, and Remaining 0 with a reset holds every request until then",
    (settings, remaining, resetIn) => {
      const capped = observe(initialPacing(settings, 0), settings, 0, { outcome: "success", remaining })
      expect(capped.tokens).toBeLessThanOrEqual(remaining)
      const held = observe(initialPacing(settings, 0), settings, 0, {
        outcome: "success",
        remaining: 0,
        waitUntil: resetIn
      })
      expect(admit(held, settings, 0).waitMillis).toBe(Math.min(resetIn, settings.maxHoldMillis))
    }
  )
})
