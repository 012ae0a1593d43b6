import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { SkippedRow } from "../../src/domain/desired.js"
import { Status } from "../../src/domain/observed.js"
import { renderStatusJson, renderStatusText, StatusReport } from "../../src/render/renderStatus.js"
import { StatusRow, statusRows } from "../../src/render/statusRows.js"
import {
  CANONICAL_STATUSES,
  desiredState,
  observedState,
  row,
  STATUS,
  workPackage
} from "../reconcile/plannerFixtures.js"

describe("statusRows", () => {
  it("puts each referenced work package's desired state next to the server's, in document order", () => {
    const doing = new Status({ id: 30, name: "IN PROGRESS", isClosed: false, href: "/api/v3/statuses/30" })
    const rows = statusRows(
      desiredState([row(9, "Closed", 20), row(44, "New", 14), row(45, "In progress", 15)]),
      observedState(
        [workPackage(44, STATUS["In progress"], 3, "Checkout"), workPackage(45, doing, 1, "Pay")],
        [...CANONICAL_STATUSES.filter((s) => s.name !== "In progress"), doing]
      )
    )
    expect(rows).toEqual([
      new StatusRow({
        workPackageId: 44,
        subject: "Checkout",
        desired: "New",
        current: "In progress",
        inSync: false,
        line: 14
      }),
      new StatusRow({
        workPackageId: 45,
        subject: "Pay",
        desired: "In progress",
        current: "IN PROGRESS",
        inSync: true,
        line: 15
      }),
      new StatusRow({ workPackageId: 9, desired: "Closed", inSync: false, line: 20 })
    ])
  })
})

const rows = [
  new StatusRow({
    workPackageId: 44,
    subject: "Checkout",
    desired: "New",
    current: "In progress",
    inSync: false,
    line: 14
  }),
  new StatusRow({ workPackageId: 9, desired: "Closed", inSync: false, line: 20 }),
  new StatusRow({ workPackageId: 1000, subject: "Pay", desired: "Closed", current: "Closed", inSync: true, line: 21 })
]

const noSkips = { file: "plan.md", skipped: [] }
const withSkips = {
  file: "plan.md",
  skipped: [
    new SkippedRow({
      reason: "UnknownState",
      message: "wp#55: **Blocked** is not a state; use one of Backlog, New",
      line: 23,
      column: 40,
      workPackageId: 55
    })
  ]
}

describe("renderStatusText", () => {
  it("prints an aligned table of desired against current, then a count", () => {
    expect(renderStatusText(rows, [noSkips])).toBe(
      [
        "WP       DESIRED  CURRENT        SYNC     LINE  SUBJECT",
        "wp#44    New      In progress    drift    14    Checkout",
        "wp#9     Closed   (not visible)  missing  20",
        "wp#1000  Closed   Closed         ok       21    Pay",
        "",
        "3 work packages: 1 in sync, 1 drifted, 1 not visible; 0 rows skipped.",
        ""
      ].join("\n")
    )
  })

  it("lists the skipped rows with their line and reason, and counts them", () => {
    const text = renderStatusText(rows, [withSkips])
    expect(text).toContain(
      "\nSkipped rows (not synced):\n  plan.md:23  UnknownState  wp#55: **Blocked** is not a state; use one of Backlog, New\n"
    )
    expect(text).toContain("1 not visible; 1 row skipped.")
  })

  it("colours drifted and missing rows only when asked", () => {
    const coloured = renderStatusText(rows, [noSkips], { color: true })
    expect(coloured).toContain("\u001b[33mwp#44    New      In progress    drift    14    Checkout\u001b[0m")
    expect(coloured).toContain("\u001b[31mwp#9     Closed   (not visible)  missing  20\u001b[0m")
    expect(coloured).toContain("\nwp#1000  Closed   Closed         ok       21    Pay\n")
  })
})

describe("renderStatusJson", () => {
  it("prints the rows and a summary that read back through the StatusReport Schema", () => {
    const text = renderStatusJson(rows, [withSkips])
    const decoded = Schema.decodeUnknownSync(Schema.parseJson(StatusReport))(text)
    expect(decoded.formatVersion).toBe(1)
    expect(decoded.rows).toEqual(rows)
    expect(decoded.skipped).toEqual(withSkips.skipped.map((s) => ({ file: "plan.md", ...s })))
    expect(decoded.summary).toMatchObject({ total: 3, inSync: 1, drifted: 1, notVisible: 1, skipped: 1 })
  })
})
