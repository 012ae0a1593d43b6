import { DesiredRow, DesiredState, SkippedRow } from "../../src/domain/desired.js"
import { type ObservedState, ObservedWorkPackage, Status } from "../../src/domain/observed.js"
import { PlanSource } from "../../src/domain/plan.js"
import { CANONICAL_STATES, type CanonicalState } from "../../src/domain/states.js"

export const FILE = "documentation/F1_BUY_BOOST_PLAN.md"
export const SOURCE = new PlanSource({ path: FILE, sha256: "ab".repeat(32) })
export const CREATED_AT = "2026-11-25T10:00:00.000Z"
export const OP_URL = "https://op.example.com"

const status = (id: number, name: CanonicalState): Status =>
  new Status({ id, name, isClosed: name === "Closed" || name === "Rejected", href: `/api/v3/statuses/${id}` })

/** The eight canonical states as a stock OpenProject names them, ids 1..8. */
export const STATUS = {
  Backlog: status(1, "Backlog"),
  New: status(2, "New"),
  Specified: status(3, "Specified"),
  "In progress": status(4, "In progress"),
  "In testing": status(5, "In testing"),
  Closed: status(6, "Closed"),
  "On hold": status(7, "On hold"),
  Rejected: status(8, "Rejected")
} as const satisfies Record<CanonicalState, Status>

export const CANONICAL_STATUSES: ReadonlyArray<Status> = CANONICAL_STATES.map((name) => STATUS[name])

export const row = (workPackageId: number, state: string, line: number, column = 24): DesiredRow =>
  new DesiredRow({ workPackageId, state, qualifiers: [], note: "", label: `Track ${line}`, line, column })

export const skippedRow = (line: number, message: string, workPackageId?: number): SkippedRow =>
  new SkippedRow({
    reason: "NoBoldState",
    message,
    line,
    column: 1,
    ...(workPackageId === undefined ? {} : { workPackageId })
  })

export const desiredState = (rows: ReadonlyArray<DesiredRow>, skipped: ReadonlyArray<SkippedRow> = []): DesiredState =>
  new DesiredState({ file: FILE, tableLine: 10, rows, skipped })

export const workPackage = (
  id: number,
  status: Status,
  lockVersion = 3,
  subject = `Story ${id}`
): ObservedWorkPackage =>
  new ObservedWorkPackage({ id, subject, lockVersion, statusId: status.id, statusName: status.name })

export const observedState = (
  workPackages: ReadonlyArray<ObservedWorkPackage>,
  statuses: ReadonlyArray<Status>
): ObservedState => ({ workPackages: new Map(workPackages.map((wp) => [wp.id, wp])), statuses })
