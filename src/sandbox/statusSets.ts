import type { SandboxStatusSeed, SandboxWorkPackageSeed } from "./SandboxConfig.js"
import type { StatusSetName } from "./statusSetNames.js"
import { DEFAULT_STATUSES } from "./world.js"

/**
 * Named status lists a sandbox can start with (`op-reconcile sandbox --statuses NAME`), as OpenProject
 * itself seeds them. Status names are plain strings translated once, at seeding, in the instance's
 * language (app/seeders/standard.yml, config/locales/crowdin/*.seeders.yml), so a German instance answers
 * `Neu`, `In Bearbeitung`, `Erledigt` to everyone.
 */

interface SeededStatus {
  readonly name: string
  readonly isClosed: boolean
  /** The English seed's name at the same position: how a plan written in English names this status. */
  readonly english: string
}

const seeded = (statuses: ReadonlyArray<SeededStatus>): ReadonlyArray<SandboxStatusSeed> =>
  statuses.map((s, i) => ({ id: i + 1, name: s.name, isClosed: s.isClosed }))

/** OpenProject's English seed, by position; "New" is the default status. There is no "Backlog". */
const OPENPROJECT_EN: ReadonlyArray<SeededStatus> = [
  ["New", false],
  ["In specification", false],
  ["Specified", false],
  ["Confirmed", false],
  ["To be scheduled", false],
  ["Scheduled", false],
  ["In progress", false],
  ["Developed", false],
  ["In testing", false],
  ["Tested", false],
  ["Test failed", false],
  ["Closed", true],
  ["On hold", false],
  ["Rejected", true]
].map(([name, isClosed]) => ({ name: String(name), isClosed: isClosed === true, english: String(name) }))

/** OpenProject's German seed (de.seeders.yml, seeds.standard.statuses), position by position. */
const GERMAN_NAMES = [
  "Neu",
  "In Spezifikation",
  "Spezifiziert",
  "Bestätigt",
  "Zu planen",
  "Geplant",
  "In Bearbeitung",
  "Entwickelt",
  "In Test",
  "Getestet",
  "Test fehlgeschlagen",
  "Erledigt",
  "Gestoppt",
  "Zurückgewiesen"
] as const

const OPENPROJECT_DE: ReadonlyArray<SeededStatus> = OPENPROJECT_EN.map((s, i) => ({
  ...s,
  name: GERMAN_NAMES[i] ?? s.name
}))

export interface StatusSet {
  readonly statuses: ReadonlyArray<SandboxStatusSeed>
  /**
   * The status a work package seeded from an English plan starts in: the plan's word translated by
   * position, or undefined when this set has no such status (the seed then uses the default status).
   */
  readonly translate: (englishName: string) => string | undefined
}

const translator =
  (statuses: ReadonlyArray<SeededStatus>) =>
  (englishName: string): string | undefined =>
    statuses.find((s) => s.english.toLowerCase() === englishName.trim().toLowerCase())?.name

export const statusSet = (name: StatusSetName): StatusSet => {
  switch (name) {
    case "openproject":
      return { statuses: seeded(OPENPROJECT_EN), translate: translator(OPENPROJECT_EN) }
    case "de":
      return { statuses: seeded(OPENPROJECT_DE), translate: translator(OPENPROJECT_DE) }
    default:
      return {
        statuses: DEFAULT_STATUSES,
        translate: (englishName) =>
          DEFAULT_STATUSES.find((s) => s.name.toLowerCase() === englishName.toLowerCase())?.name
      }
  }
}

/**
 * Work packages seeded from an English plan, moved into a status set: each status translated by the seed's
 * position, and one the set lacks (the runbook's "Backlog" on a stock OpenProject) in the default status.
 */
export const seedsInStatusSet = (
  workPackages: ReadonlyArray<SandboxWorkPackageSeed>,
  set: StatusSet
): ReadonlyArray<SandboxWorkPackageSeed> => {
  const fallback = set.statuses[0]?.name ?? "New"
  return workPackages.map((wp) => ({ ...wp, status: set.translate(wp.status) ?? fallback }))
}
