import { ParseResult, Schema } from "effect"

/**
 * The HAL+JSON bodies of OpenProject API v3 that the client reads, decoded leniently: only the fields the
 * client uses are declared, everything else the server sends is ignored (OpenProject adds fields over releases).
 */

/** A link that must point somewhere. */
export const Link = Schema.Struct({
  href: Schema.String,
  title: Schema.optional(Schema.String)
})

/** The numeric id at the end of a resource href, e.g. "/op/api/v3/statuses/7" → 7. */
export const idFromHref = (href: string): number | undefined => {
  const match = /\/(\d+)\/?$/.exec(href)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/** A status link, with the id its href ends with (compare ids, never titles). */
export const StatusLink = Schema.transformOrFail(
  Link,
  Schema.Struct({ href: Schema.String, title: Schema.optional(Schema.String), id: Schema.Int }),
  {
    strict: true,
    decode: (link, _, ast) => {
      const id = idFromHref(link.href)
      return id === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, link.href, `a status href ending in an id, got "${link.href}"`))
        : ParseResult.succeed({ ...link, id })
    },
    encode: ({ id: _id, ...link }) => ParseResult.succeed(link)
  }
)

// --- Statuses -------------------------------------------------------------------------------------

export const HalStatus = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  isClosed: Schema.Boolean,
  isDefault: Schema.optional(Schema.Boolean),
  _links: Schema.Struct({ self: Link })
})

/** GET /api/v3/statuses */
export const StatusCollection = Schema.Struct({
  _embedded: Schema.Struct({ elements: Schema.Array(HalStatus) })
})

// --- Work packages --------------------------------------------------------------------------------

/** GET/PATCH /api/v3/work_packages/{id}, and each element of a collection. */
export const HalWorkPackage = Schema.Struct({
  id: Schema.Int,
  lockVersion: Schema.Int,
  subject: Schema.String,
  _links: Schema.Struct({ status: StatusLink, type: Schema.optional(Link) })
})
export type HalWorkPackage = typeof HalWorkPackage.Type

/** GET /api/v3/work_packages?filters=… */
export const WorkPackageCollection = Schema.Struct({
  total: Schema.Int,
  count: Schema.Int,
  pageSize: Schema.Int,
  offset: Schema.Int,
  _embedded: Schema.Struct({ elements: Schema.Array(HalWorkPackage) }),
  _links: Schema.Struct({ nextByOffset: Schema.optional(Link) })
})

// --- Activities -----------------------------------------------------------------------------------

const OptionalText = Schema.optional(Schema.NullOr(Schema.String))

/**
 * One activity (journal). `details` are sentences in the API user's language (README §14): they are shown,
 * never parsed for a status. `_links.user` carries only an href in some versions.
 */
export const HalActivity = Schema.Struct({
  id: Schema.Int,
  createdAt: OptionalText,
  comment: Schema.optional(Schema.Struct({ raw: OptionalText })),
  details: Schema.optional(Schema.Array(Schema.Struct({ raw: OptionalText, html: OptionalText }))),
  _links: Schema.optional(Schema.Struct({ user: Schema.optional(Schema.NullOr(Link)) }))
})

/** GET /api/v3/work_packages/{id}/activities */
export const ActivityCollection = Schema.Struct({
  _embedded: Schema.Struct({ elements: Schema.Array(HalActivity) })
})

// --- Form -----------------------------------------------------------------------------------------

const FormStatusSchema = Schema.Struct({
  status: Schema.optional(
    Schema.Struct({
      _links: Schema.optional(Schema.Struct({ allowedValues: Schema.optional(Schema.Array(StatusLink)) }))
    })
  )
})

/** One entry of the form's `validationErrors` (an Error object keyed by property). */
const FormValidationError = Schema.Struct({
  errorIdentifier: Schema.String,
  message: Schema.String
})

/**
 * POST /api/v3/work_packages/{id}/form: the statuses this user may set from the persisted one (absent when
 * status is not writable), and what would be refused, keyed by property (`{}` when the payload is valid).
 */
export const WorkPackageForm = Schema.Struct({
  _embedded: Schema.Struct({
    schema: FormStatusSchema,
    validationErrors: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  })
})

/** A validation error as the form reports it; anything else under a key is not one the client can read. */
export const decodeFormValidationError = Schema.decodeUnknownOption(FormValidationError)

// --- Users ----------------------------------------------------------------------------------------

/** GET /api/v3/users/me and GET /api/v3/users/{id} */
export const HalUser = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  login: Schema.optional(Schema.String)
})

// --- Errors ---------------------------------------------------------------------------------------

const ErrorDetails = Schema.Struct({ attribute: Schema.optional(Schema.String) })

const ErrorFields = {
  errorIdentifier: Schema.String,
  message: Schema.String
}

export const HalErrorChild = Schema.Struct({
  ...ErrorFields,
  _embedded: Schema.optional(Schema.Struct({ details: Schema.optional(ErrorDetails) }))
})

/** The body of every OpenProject 4xx/5xx except the plain-text 406 and a bare proxy page. */
export const HalError = Schema.Struct({
  ...ErrorFields,
  _embedded: Schema.optional(
    Schema.Struct({
      details: Schema.optional(ErrorDetails),
      errors: Schema.optional(Schema.Array(HalErrorChild))
    })
  )
})
export type HalError = typeof HalError.Type
