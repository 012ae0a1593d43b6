import { Effect, Schema } from "effect"
import type { RunningSandbox } from "../../../src/sandbox/Sandbox.js"
import { basicAuth } from "../../support/sandbox.js"

/** A person moves a work package in OpenProject with their own key: one GET for the lockVersion, one PATCH. */
export const editAs = (sandbox: RunningSandbox, key: string, id: number, statusId: number) =>
  Effect.tryPromise(async () => {
    const headers = { authorization: basicAuth(key), "content-type": "application/json" }
    const read = await fetch(`${sandbox.url}/api/v3/work_packages/${id}`, { headers })
    const { lockVersion } = Schema.decodeUnknownSync(Schema.Struct({ lockVersion: Schema.Int }))(await read.json())
    const answer = await fetch(`${sandbox.url}/api/v3/work_packages/${id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ lockVersion, _links: { status: { href: `/api/v3/statuses/${statusId}` } } })
    })
    if (answer.status !== 200) throw new Error(`edit of wp#${id} answered ${answer.status}`)
  })
