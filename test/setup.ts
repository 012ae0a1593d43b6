import { addEqualityTesters } from "@effect/vitest"
import { fc } from "@fast-check/vitest"

addEqualityTesters()

/**
 * Property tests are random on a developer's machine (new inputs every run) and deterministic in CI, so a
 * red build is always reproducible and never a coin toss. fast-check prints the seed of a failure
 * (`seed: -1442339702, path: "…"`); `FC_SEED=-1442339702 npm test` replays it anywhere.
 */
const CI_SEED = 20_261_201

// As CI services set it (`CI=true`, `CI=1`); `CI=false` or `CI=0` means a local run.
const inCi = (): boolean => {
  const ci = process.env.CI?.trim().toLowerCase()
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0"
}

const seedFromEnv = (): number | undefined => {
  const raw = process.env.FC_SEED
  if (raw === undefined || raw.trim() === "") return inCi() ? CI_SEED : undefined
  const seed = Number(raw)
  if (!Number.isSafeInteger(seed))
    throw new Error(`FC_SEED must be an integer (the seed fast-check printed), got ${raw}`)
  return seed
}

const seed = seedFromEnv()
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
