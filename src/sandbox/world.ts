import { Either } from "effect"
import { CANONICAL_STATES, stateKey } from "../domain/states.js"
import type { Credential } from "./auth.js"
import type { SandboxConfig, SandboxStatusSeed, SandboxUserSeed } from "./SandboxConfig.js"
import { SandboxStartError } from "./SandboxStartError.js"

/**
 * The parts of the sandbox's OpenProject that never change while it runs: statuses, types, users, the
 * project and the workflow. Built once from the configuration and checked, so that handlers never meet
 * an unknown name.
 */

export interface StatusDef {
  readonly id: number
  readonly name: string
  readonly isClosed: boolean
  readonly isDefault: boolean
  readonly isReadonly: boolean
  readonly color: string
  readonly position: number
  readonly defaultDoneRatio: number
}

export interface TypeDef {
  readonly id: number
  readonly name: string
}

export interface UserDef {
  readonly id: number
  readonly name: string
  readonly login: string
  readonly firstName: string
  readonly lastName: string
  /** May only read: writes are refused with 403 (see SandboxUserSeed.readOnly). */
  readonly readOnly?: boolean
}

export interface ProjectDef {
  readonly id: number
  readonly identifier: string
  readonly name: string
}

export interface World {
  readonly statuses: ReadonlyArray<StatusDef>
  readonly statusById: (id: number) => StatusDef | undefined
  readonly statusByName: (name: string) => StatusDef | undefined
  readonly typeById: (id: number) => TypeDef | undefined
  readonly typeIdByName: (name: string) => number | undefined
  /** True when the workflow lets the API user move a work package of this type from one status to the other. */
  readonly allowsTransition: (typeId: number, fromId: number, toId: number) => boolean
  /** The user the API key belongs to. */
  readonly me: UserDef
  /** The colleague who created the work packages and who makes the simulated concurrent edits. */
  readonly colleague: UserDef
  /** Every user: me, the colleague, then the configured users (people with their own API keys). */
  readonly users: ReadonlyArray<UserDef>
  readonly userById: (id: number) => UserDef | undefined
  /** Which API key acts as which user: the sandbox's key is `me`, each configured user has its own. */
  readonly credentials: ReadonlyArray<Credential<UserDef>>
  /** Render `_links.user.title` in activities, as some OpenProject versions do (default: only the href). */
  readonly activityUserTitles: boolean
  readonly project: ProjectDef
}

export const DEFAULT_TYPE = "Task"

const COLORS = ["#3997AD", "#3852C6", "#93D2AE", "#A96FFE", "#F08C00", "#DF6DA1", "#878787", "#D32937"]

/** The eight canonical states of the tracking table; Closed and Rejected close a work package. */
export const DEFAULT_STATUSES: ReadonlyArray<SandboxStatusSeed> = CANONICAL_STATES.map((name, i) => ({
  id: i + 1,
  name,
  isClosed: name === "Closed" || name === "Rejected"
}))

const doneRatio = (s: SandboxStatusSeed): number => (s.isClosed ? 100 : 0)

/** A configured user: the name as OpenProject shows it, split at the first space as first and last name. */
const userDef = (seed: SandboxUserSeed, id: number): UserDef => {
  const [firstName = seed.name, ...rest] = seed.name.split(" ")
  const login =
    seed.login ??
    (seed.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ".")
      .replace(/^\.|\.$/g, "") ||
      `user${id}`)
  return {
    id,
    name: seed.name,
    login,
    firstName,
    lastName: rest.join(" "),
    ...(seed.readOnly === true ? { readOnly: true } : {})
  }
}

type Workflow = (fromId: number, toId: number) => boolean

/**
 * Each described type's workflow (README §13): a full mesh over its own statuses, or exactly the listed
 * transitions. Unknown names are collected as problems, so the sandbox refuses to start on a typo.
 */
const typeWorkflows = (
  config: SandboxConfig,
  types: ReadonlyArray<TypeDef>,
  byName: ReadonlyMap<string, StatusDef>,
  problems: Array<string>
): ReadonlyMap<number, Workflow> => {
  const workflows = new Map<number, Workflow>()
  const idOf = (typeName: string, name: string): number | undefined => {
    const status = byName.get(stateKey(name))
    if (status === undefined) problems.push(`type "${typeName}" names an unknown status "${name}"`)
    return status?.id
  }
  for (const seed of config.types ?? []) {
    const type = types.find((t) => stateKey(t.name) === stateKey(seed.name))
    if (type === undefined) continue
    if (workflows.has(type.id)) problems.push(`type "${seed.name}" is described twice`)
    const own = seed.statuses === undefined ? undefined : new Set(seed.statuses.map((n) => idOf(seed.name, n)))
    const listed = seed.transitions
    if (listed === undefined) {
      workflows.set(type.id, (fromId, toId) => own === undefined || (own.has(fromId) && own.has(toId)))
      continue
    }
    const allowed = new Set<string>()
    for (const [from, targets] of Object.entries(listed)) {
      const fromId = idOf(seed.name, from)
      for (const to of targets) {
        const toId = idOf(seed.name, to)
        if (fromId !== undefined && toId !== undefined) allowed.add(`${fromId}:${toId}`)
      }
    }
    workflows.set(type.id, (fromId, toId) => allowed.has(`${fromId}:${toId}`) && (own === undefined || own.has(toId)))
  }
  return workflows
}

export const makeWorld = (config: SandboxConfig): Either.Either<World, SandboxStartError> => {
  const seeds = config.statuses ?? DEFAULT_STATUSES
  const problems: Array<string> = []
  if (seeds.length === 0) problems.push("the status list is empty")
  const statuses: ReadonlyArray<StatusDef> = seeds.map((s, i) => ({
    id: s.id,
    name: s.name,
    isClosed: s.isClosed,
    // OpenProject marks one status as the default for new work packages; "New" when there is one.
    isDefault: seeds.some((x) => stateKey(x.name) === "new") ? stateKey(s.name) === "new" : i === 0,
    isReadonly: false,
    color: COLORS[i % COLORS.length] ?? "#3997AD",
    position: i + 1,
    defaultDoneRatio: doneRatio(s)
  }))
  const byId = new Map(statuses.map((s) => [s.id, s]))
  const byName = new Map(statuses.map((s) => [stateKey(s.name), s]))
  if (byId.size !== statuses.length) problems.push("two statuses share an id")
  if (byName.size !== statuses.length) problems.push("two statuses share a name")

  const typeNames = [DEFAULT_TYPE]
  const addType = (t: string) => {
    if (!typeNames.some((n) => stateKey(n) === stateKey(t))) typeNames.push(t)
  }
  for (const t of config.types ?? []) addType(t.name)
  for (const wp of config.workPackages) addType(wp.type ?? DEFAULT_TYPE)
  const types: ReadonlyArray<TypeDef> = typeNames.map((name, i) => ({ id: i + 1, name }))
  const typeIdByName = (name: string) => types.find((t) => stateKey(t.name) === stateKey(name))?.id

  const workflows = typeWorkflows(config, types, byName, problems)

  const refused = new Set<string>()
  for (const f of config.forbiddenTransitions ?? []) {
    const from = byName.get(stateKey(f.from))
    const to = byName.get(stateKey(f.to))
    if (from === undefined) problems.push(`forbidden transition names an unknown status "${f.from}"`)
    if (to === undefined) problems.push(`forbidden transition names an unknown status "${f.to}"`)
    const typeIds = f.type === undefined ? types.map((t) => t.id) : [typeIdByName(f.type)]
    if (f.type !== undefined && typeIds[0] === undefined) {
      problems.push(`forbidden transition names an unknown type "${f.type}"`)
    }
    if (from !== undefined && to !== undefined) {
      for (const typeId of typeIds) if (typeId !== undefined) refused.add(`${typeId}:${from.id}:${to.id}`)
    }
  }

  const ids = new Set<number>()
  for (const wp of config.workPackages) {
    if (!Number.isInteger(wp.id) || wp.id < 1) problems.push(`work package id ${wp.id} is not a positive integer`)
    if (ids.has(wp.id)) problems.push(`work package ${wp.id} is seeded twice`)
    ids.add(wp.id)
    if (!byName.has(stateKey(wp.status))) {
      problems.push(`work package ${wp.id} has the unknown status "${wp.status}"`)
    }
  }
  const me: UserDef = { id: 1, name: "Sandbox User", login: "sandbox", firstName: "Sandbox", lastName: "User" }
  const colleague: UserDef = { id: 2, name: "Project Admin", login: "admin", firstName: "Project", lastName: "Admin" }
  const people = (config.users ?? []).map((u, i) => ({ apiKey: u.apiKey, user: userDef(u, i + 3) }))
  const keys = new Set([config.apiKey, ...people.map((p) => p.apiKey)])
  if (keys.size !== people.length + 1) problems.push("two users share an API key")
  if (people.some((p) => p.apiKey === "")) problems.push("a user has an empty API key")
  if (problems.length > 0) return Either.left(new SandboxStartError({ reason: problems.join("; ") }))
  const users = [me, colleague, ...people.map((p) => p.user)]

  return Either.right({
    statuses,
    statusById: (id) => byId.get(id),
    statusByName: (name) => byName.get(stateKey(name)),
    typeById: (id) => types.find((t) => t.id === id),
    typeIdByName,
    allowsTransition: (typeId, fromId, toId) =>
      fromId === toId ||
      ((workflows.get(typeId)?.(fromId, toId) ?? true) && !refused.has(`${typeId}:${fromId}:${toId}`)),
    me,
    colleague,
    users,
    userById: (id) => users.find((u) => u.id === id),
    credentials: [{ apiKey: config.apiKey, user: me }, ...people],
    activityUserTitles: config.activityUserTitles ?? false,
    project: { id: 1, identifier: "sandbox", name: "Sandbox Project" }
  })
}
