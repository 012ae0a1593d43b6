import type { Status } from "../domain/observed.js"
import { stateKey } from "../domain/states.js"

/** The server's statuses, looked up by name the way people write them (case and spacing do not matter). */
export interface StatusIndex {
  readonly byName: (name: string) => Status | undefined
  readonly byId: (id: number) => Status | undefined
  /** The server's status names, in the server's order, for messages. */
  readonly names: ReadonlyArray<string>
}

const keepLowestId = (map: Map<string, Status>, key: string, status: Status): void => {
  const current = map.get(key)
  if (current === undefined || status.id < current.id) map.set(key, status)
}

/**
 * Two server statuses can collide on the same key ("New" and "new "): the exact spelling wins,
 * otherwise the lowest id, so the choice never depends on the order the server listed them in.
 */
export const makeStatusIndex = (statuses: ReadonlyArray<Status>): StatusIndex => {
  const exact = new Map<string, Status>()
  const byKey = new Map<string, Status>()
  const byId = new Map<number, Status>()
  for (const status of statuses) {
    byId.set(status.id, status)
    keepLowestId(exact, status.name, status)
    keepLowestId(byKey, stateKey(status.name), status)
  }
  return {
    byName: (name) => exact.get(name) ?? byKey.get(stateKey(name)),
    byId: (id) => byId.get(id),
    names: statuses.map((s) => s.name)
  }
}
