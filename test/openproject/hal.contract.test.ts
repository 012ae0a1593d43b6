import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  ActivityCollection,
  HalActivity,
  HalError,
  HalUser,
  HalWorkPackage,
  StatusCollection,
  WorkPackageCollection,
  WorkPackageForm
} from "../../src/openproject/Hal.js"
import { classifyFailure } from "../../src/openproject/OpenProject/classifyResponse.js"
import {
  toActivities,
  toActivity,
  toAllowedStatuses,
  toCommentTexts,
  toObservedWorkPackage,
  toStatus
} from "../../src/openproject/OpenProject/fromHal.js"
import { commentBody, setStatusBody } from "../../src/openproject/OpenProject/requestBodies.js"

const EXAMPLES = join(import.meta.dirname, "../contract/examples")
const read = (file: string): string => readFileSync(join(EXAMPLES, file), "utf8")
const json = (file: string): unknown => JSON.parse(read(file))

/** Which schema reads which example body. Every example must be listed here or in NOT_READ. */
const DECODED_BY: Record<string, Schema.Schema.AnyNoContext> = {
  "activities_collection.json": ActivityCollection,
  "activity_comment_created.json": HalActivity,
  "activity_status_change.json": HalActivity,
  "error_400_invalid_query.json": HalError,
  "error_400_invalid_request_body.json": HalError,
  "error_401.json": HalError,
  "error_401_no_credentials.json": HalError,
  "error_403.json": HalError,
  "error_404.json": HalError,
  "error_409_update_conflict.json": HalError,
  "error_415_or_400_content_type.json": HalError,
  "error_422_multiple.json": HalError,
  "error_422_multiple_create.json": HalError,
  "error_422_resource_type_mismatch.json": HalError,
  "error_422_status_transition.json": HalError,
  "error_429_throttled.json": HalError,
  "form_status_allowed_values.json": WorkPackageForm,
  "form_status_invalid_transition.json": WorkPackageForm,
  "status_collection.json": StatusCollection,
  "user_me.json": HalUser,
  "work_package.json": HalWorkPackage,
  "work_package_collection.json": WorkPackageCollection
}

/** Bodies the client sends (compared with what it builds below) or never reads. */
const NOT_READ: Record<string, string> = {
  "README.md": "documentation",
  "root.json": "the client proves the token with /users/me, not the API root",
  "patch_status_request.json": "a request body: compared with setStatusBody",
  "activity_comment_request.json": "a request body: compared with commentBody",
  "error_406_missing_content_type.txt": "plain text: classified as ContentTypeRejected below"
}

describe("the client's HAL schemas against OpenProject's example bodies", () => {
  it("every example body is accounted for", () => {
    const unlisted = readdirSync(EXAMPLES).filter((f) => !(f in DECODED_BY) && !(f in NOT_READ))
    expect(unlisted).toEqual([])
  })

  for (const [file, schema] of Object.entries(DECODED_BY)) {
    it(`decodes ${file}`, () => {
      const decoded = Schema.decodeUnknownEither(schema)(json(file))
      expect(Either.isRight(decoded) ? "decoded" : String(decoded.left)).toBe("decoded")
    })
  }

  it("reads a work package's status id from the end of its href, and its lockVersion", () => {
    const wp = toObservedWorkPackage(Schema.decodeUnknownSync(HalWorkPackage)(json("work_package.json")))
    expect(wp).toMatchObject({ id: 1528, lockVersion: 3, subject: "Develop API", statusId: 1, statusName: "New" })
  })

  it("reads every element of a collection, closed ones included, and the next page link", () => {
    const page = Schema.decodeUnknownSync(WorkPackageCollection)(json("work_package_collection.json"))
    expect(page._embedded.elements.map(toObservedWorkPackage).map((wp) => [wp.id, wp.statusId])).toEqual([
      [42, 2],
      [43, 5]
    ])
    expect(page._links.nextByOffset?.href).toContain("offset=2")
    expect([page.total, page.count, page.pageSize, page.offset]).toEqual([3, 2, 2, 1])
  })

  it("keeps status hrefs as received and knows which statuses are closed", () => {
    const statuses = Schema.decodeUnknownSync(StatusCollection)(json("status_collection.json"))._embedded.elements.map(
      toStatus
    )
    expect(statuses.find((s) => s.name === "Closed")).toMatchObject({
      id: 5,
      isClosed: true,
      href: "/api/v3/statuses/5"
    })
    expect(statuses.find((s) => s.name === "New")?.isClosed).toBe(false)
  })

  it("reads the allowed statuses from the form", () => {
    const form = Schema.decodeUnknownSync(WorkPackageForm)(json("form_status_allowed_values.json"))
    expect(toAllowedStatuses(form).map((s) => [s.id, s.href, s.title])).toEqual([
      [1, "/api/v3/statuses/1", "New"],
      [2, "/api/v3/statuses/2", "In Progress"],
      [5, "/api/v3/statuses/5", "Closed"]
    ])
  })

  it("reads comment texts and leaves out activities that only record a change", () => {
    const activities = Schema.decodeUnknownSync(ActivityCollection)(json("activities_collection.json"))
    expect(toCommentTexts(activities)).toEqual(["Lorem ipsum dolor sit amet.", "Lorem ipsum dolor sit amet."])
    const statusChange = Schema.decodeUnknownSync(HalActivity)(json("activity_status_change.json"))
    expect(toCommentTexts({ _embedded: { elements: [statusChange] } })).toEqual([])
  })

  it("reads each activity's user from its href (no title in the examples), time, comment and details", () => {
    const activities = toActivities(Schema.decodeUnknownSync(ActivityCollection)(json("activities_collection.json")))
    expect(activities.map((a) => [a.id, a.userId, a.userTitle, a.createdAt])).toEqual([
      [1, 1, undefined, "2014-05-21T08:51:20Z"],
      [2, 1, undefined, "2014-05-21T09:51:22Z"]
    ])
    const statusChange = toActivity(Schema.decodeUnknownSync(HalActivity)(json("activity_status_change.json")))
    expect(statusChange).toMatchObject({ id: 1480, userId: 33, comment: "", createdAt: "2025-04-17T13:50:02.000Z" })
    expect(statusChange.details.map((d) => d.raw)).toEqual(["Status changed from New to In Progress"])
    const created = toActivity(Schema.decodeUnknownSync(HalActivity)(json("activity_comment_created.json")))
    expect([created.userId, created.details]).toEqual([33, []])
  })

  it("keeps a user link's title when a version renders one, and no user id for a link that is not a user", () => {
    const activity = (user: unknown) =>
      toActivity(
        Schema.decodeUnknownSync(HalActivity)({ id: 9, details: [], _links: { user }, comment: { raw: null } })
      )
    expect(activity({ href: "/op/api/v3/users/7", title: "Pat Operator" })).toMatchObject({
      userId: 7,
      userTitle: "Pat Operator",
      comment: ""
    })
    expect(activity({ href: "/api/v3/groups/7" }).userId).toBeUndefined()
    expect(activity(null).userId).toBeUndefined()
  })

  it("sends the PATCH and comment bodies OpenProject documents", () => {
    expect(setStatusBody(3, "/api/v3/statuses/2")).toEqual(json("patch_status_request.json"))
    expect(commentBody("Status set to In Progress by tracking-table sync (row 12).")).toEqual(
      json("activity_comment_request.json")
    )
  })

  it("classifies the plain-text 406 as a Content-Type problem", () => {
    const error = classifyFailure(
      {
        method: "PATCH",
        url: "https://op.example/api/v3/work_packages/1",
        status: 406,
        headers: {},
        body: read("error_406_missing_content_type.txt")
      },
      0
    )
    expect(error._tag).toBe("ContentTypeRejected")
    expect(error.message).toContain("Missing content-type header")
  })
})
