import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { ActivityDetail, WorkPackageActivity } from "../../src/domain/history.js"
import { type ClassifyInput, classify, type StatusRef } from "../../src/drift/classify.js"
import { AppliedMarker, encodeMarker } from "../../src/drift/marker.js"

const OP_USER = 1
const PAT = 3
const NEW: StatusRef = { id: 2, name: "New" }
const IN_PROGRESS: StatusRef = { id: 4, name: "In progress" }
const IN_TESTING: StatusRef = { id: 5, name: "In testing" }
const CLOSED: StatusRef = { id: 6, name: "Closed" }
const STATUSES = [NEW, IN_PROGRESS, IN_TESTING, CLOSED]

const statusDetail = (from: StatusRef, to: StatusRef, language: "en" | "de" = "en") =>
  new ActivityDetail({
    raw:
      language === "en"
        ? `Status changed from ${from.name} to ${to.name}`
        : `Status geändert von ${from.name} zu ${to.name}`,
    html:
      language === "en"
        ? `<strong>Status</strong> changed from <i>${from.name}</i> <strong>to</strong> <i>${to.name}</i>`
        : `<strong>Status</strong> geändert von <i>${from.name}</i> <strong>zu</strong> <i>${to.name}</i>`
  })

const markerComment = (wp: number, from: StatusRef, to: StatusRef, lockVersion = 2) =>
  `Status changed from **${from.name}** to **${to.name}** by op-reconcile.\n${encodeMarker(
    new AppliedMarker({
      wp,
      lockVersion,
      fromId: from.id,
      from: from.name,
      toId: to.id,
      to: to.name,
      source: "PLAN.md",
      line: 12,
      commit: "0123abc"
    })
  )}`

let nextId = 100
const activity = (fields: {
  readonly userId?: number
  readonly comment?: string
  readonly details?: ReadonlyArray<ActivityDetail>
  readonly createdAt?: string
  readonly userTitle?: string
}) =>
  new WorkPackageActivity({
    id: nextId++,
    ...(fields.userId === undefined ? {} : { userId: fields.userId }),
    ...(fields.userTitle === undefined ? {} : { userTitle: fields.userTitle }),
    ...(fields.createdAt === undefined ? {} : { createdAt: fields.createdAt }),
    comment: fields.comment ?? "",
    details: fields.details ?? []
  })

const created = activity({ userId: 2, createdAt: "2026-11-30T08:00:00Z" })
/** op-reconcile's status change and its audit comment, aggregated into one journal as OpenProject does. */
const applied = (from: StatusRef, to: StatusRef, wp = 43) =>
  activity({
    userId: OP_USER,
    createdAt: "2026-11-30T09:00:00Z",
    comment: markerComment(wp, from, to),
    details: [statusDetail(from, to)]
  })

const input = (over: Partial<ClassifyInput>): ClassifyInput => ({
  workPackageId: 43,
  desired: IN_PROGRESS,
  live: IN_TESTING,
  history: [],
  appliedBy: new Set([OP_USER]),
  ...over
})

describe("the drift classifier, on journals as OpenProject aggregates them", () => {
  it("no marker of op-reconcile's: first-sync", () => {
    expect(classify(input({ history: [created] })).cause).toBe("first-sync")
  })

  it("someone moved it after op-reconcile's journal: edited-in-openproject, by them, then", () => {
    const verdict = classify(
      input({
        desired: IN_PROGRESS,
        live: IN_TESTING,
        history: [
          created,
          applied(NEW, IN_PROGRESS),
          activity({ userId: PAT, createdAt: "2026-11-30T10:02:00Z", details: [statusDetail(IN_PROGRESS, IN_TESTING)] })
        ]
      })
    )
    expect(verdict).toMatchObject({
      cause: "edited-in-openproject",
      edit: { userId: PAT, at: "2026-11-30T10:02:00Z" },
      lastApplied: { statusName: "In progress", statusId: 4, commit: "0123abc", source: "PLAN.md", line: 12 },
      editedSince: true
    })
  })

  it("the plan moved on, OpenProject did not: plan-changed, nobody named", () => {
    const verdict = classify(
      input({ desired: CLOSED, live: IN_PROGRESS, history: [created, applied(NEW, IN_PROGRESS)] })
    )
    expect([verdict.cause, verdict.edit, verdict.editedSince]).toEqual(["plan-changed", undefined, false])
  })

  it("both moved: both-changed, naming who moved OpenProject", () => {
    const verdict = classify(
      input({
        desired: CLOSED,
        live: IN_TESTING,
        history: [
          created,
          applied(NEW, IN_PROGRESS),
          activity({
            userId: PAT,
            userTitle: "Pat Operator",
            createdAt: "2026-11-30T10:04:00Z",
            details: [statusDetail(IN_PROGRESS, IN_TESTING)]
          })
        ]
      })
    )
    expect(verdict).toMatchObject({ cause: "both-changed", edit: { userId: PAT, userTitle: "Pat Operator" } })
  })

  it("names the journal that set the live status, not a later edit of something else, in any language", () => {
    const verdict = classify(
      input({
        history: [
          created,
          applied(NEW, IN_PROGRESS),
          activity({
            userId: PAT,
            createdAt: "2026-11-30T10:02:00Z",
            details: [statusDetail(IN_PROGRESS, IN_TESTING, "de")]
          }),
          activity({
            userId: 7,
            createdAt: "2026-11-30T11:00:00Z",
            details: [
              new ActivityDetail({
                raw: "Betreff geändert",
                html: "<strong>Betreff</strong> geändert von <i>a</i> zu <i>b</i>"
              })
            ]
          })
        ]
      })
    )
    expect(verdict.edit).toMatchObject({ userId: PAT, at: "2026-11-30T10:02:00Z" })
  })

  it("a marker planted by someone else, or for another work package, is not op-reconcile's", () => {
    const planted = activity({ userId: PAT, comment: markerComment(43, NEW, IN_TESTING) })
    expect(classify(input({ history: [created, planted] })).cause).toBe("first-sync")
    expect(classify(input({ history: [created, applied(NEW, IN_PROGRESS, 44)] })).cause).toBe("first-sync")
  })

  it("a version 1 marker is read by the status its comment names", () => {
    const v1 = activity({
      userId: OP_USER,
      comment:
        "Status changed from **New** to **In progress** by op-reconcile, because the plan asks for it:\nPLAN.md, line 12.\n<!-- op-reconcile:wp43:v2 -->"
    })
    expect(classify(input({ history: [created, v1] })).cause).toBe("edited-in-openproject")
    expect(classify(input({ desired: CLOSED, live: IN_PROGRESS, history: [created, v1] })).cause).toBe("plan-changed")
  })
})

// --- Properties ------------------------------------------------------------------------------------

const statusArb = fc.constantFrom(...STATUSES)
const userArb = fc.constantFrom(OP_USER, 2, PAT, 7)
const timeArb = fc
  .integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") })
  .map((t) => new Date(t).toISOString())

/** Any journal: by anyone, a status change or not, with or without a marker (op-reconcile's or planted). */
const activityArb = fc
  .record({
    userId: fc.option(userArb, { nil: undefined }),
    from: statusArb,
    to: statusArb,
    changesStatus: fc.boolean(),
    marker: fc.option(fc.record({ wp: fc.constantFrom(43, 44), to: statusArb }), { nil: undefined }),
    createdAt: timeArb,
    german: fc.boolean()
  })
  .map((a) =>
    activity({
      ...(a.userId === undefined ? {} : { userId: a.userId }),
      createdAt: a.createdAt,
      comment: a.marker === undefined ? "" : markerComment(a.marker.wp, a.from, a.marker.to),
      details: a.changesStatus ? [statusDetail(a.from, a.to, a.german ? "de" : "en")] : []
    })
  )

const inputArb = fc.record({
  desired: statusArb,
  live: statusArb,
  history: fc.array(activityArb, { maxLength: 12 })
})

/** The last-applied status by the definition: the latest marker for wp#43 in a comment by op-reconcile's user. */
const lastAppliedOf = (history: ReadonlyArray<WorkPackageActivity>): number | undefined => {
  const ours = history.filter((a) => a.userId === OP_USER && a.comment.includes('"wp":43,'))
  const last = ours[ours.length - 1]
  const match = last === undefined ? undefined : /"toId":(\d+)/.exec(last.comment)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

describe("the drift classifier (properties)", () => {
  test.prop([inputArb])(
    "the cause is the three-way diff of desired, last-applied and live",
    ({ desired, live, history }) => {
      const verdict = classify(input({ desired, live, history }))
      const last = lastAppliedOf(history)
      if (last === undefined) {
        expect(verdict.cause).toBe("first-sync")
        return
      }
      const planMoved = desired.id !== last
      const liveMoved = live.id !== last
      const expected = liveMoved ? (planMoved ? "both-changed" : "edited-in-openproject") : "plan-changed"
      expect(verdict.cause).toBe(expected)
      expect(verdict.lastApplied?.statusId).toBe(last)
      expect(verdict.editedSince).toBe(liveMoved)
    }
  )

  test.prop([inputArb])(
    "whoever is named edited after op-reconcile's journal, and is never op-reconcile itself",
    ({ desired, live, history }) => {
      const verdict = classify(input({ desired, live, history }))
      if (verdict.edit === undefined) return
      expect(["edited-in-openproject", "both-changed"]).toContain(verdict.cause)
      expect(verdict.edit.userId).not.toBe(OP_USER)
      const ourLast = history.map((a) => a.userId === OP_USER && a.comment.includes('"wp":43,')).lastIndexOf(true)
      const after = history.slice(ourLast + 1)
      expect(
        after.some((a) => a.createdAt === verdict.edit?.at && a.userId === verdict.edit?.userId && a.details.length > 0)
      ).toBe(true)
    }
  )

  test.prop([inputArb, fc.string()])(
    "the translated sentences are never read: rewording them changes nothing",
    ({ desired, live, history }, words) => {
      const reworded = history.map(
        (a) =>
          new WorkPackageActivity({ ...a, details: a.details.map((d) => new ActivityDetail({ ...d, raw: words })) })
      )
      expect(classify(input({ desired, live, history: reworded }))).toEqual(classify(input({ desired, live, history })))
    }
  )

  test.prop([inputArb])(
    "without op-reconcile's user among the trusted, every change is first-sync",
    ({ desired, live, history }) => {
      expect(classify(input({ desired, live, history, appliedBy: new Set() })).cause).toBe("first-sync")
    }
  )
})
