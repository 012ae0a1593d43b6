import { Plan, type PlannedChange, PlanSource, PlanSummary } from "../../src/domain/plan.js"

/** A plan of these changes and nothing else. */
export const planOf = (changes: ReadonlyArray<PlannedChange>): Plan =>
  new Plan({
    formatVersion: 2,
    createdAt: "2026-12-01T12:00:00.000Z",
    sources: [new PlanSource({ path: "PLAN.md", sha256: "0".repeat(64) })],
    openProjectUrl: "https://op.example.com",
    summary: new PlanSummary({ changes: changes.length, inSync: 0, skipped: 0, blocked: 0 }),
    changes,
    inSync: [],
    skipped: [],
    blocked: [],
    warnings: []
  })
