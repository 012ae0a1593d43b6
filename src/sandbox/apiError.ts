import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Schema } from "effect"

/**
 * An answer in OpenProject's error format (README §8): the handlers fail with it and one place turns it
 * into the HAL error body, so every error the sandbox sends has the same shape.
 */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", {
  status: Schema.Int,
  /** The part after `urn:openproject-org:api:v3:errors:`. */
  identifier: Schema.String,
  message: Schema.String,
  /** `_embedded.details.attribute`, for property errors. */
  attribute: Schema.optional(Schema.String),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
}) {}

export const HAL_JSON = "application/hal+json; charset=utf-8"

export const ERROR_URN = "urn:openproject-org:api:v3:errors:"

/** The HAL error object, also used inside form bodies (`validationErrors`). */
export const errorBody = (identifier: string, message: string, attribute?: string) => ({
  _type: "Error",
  errorIdentifier: `${ERROR_URN}${identifier}`,
  message,
  ...(attribute === undefined ? {} : { _embedded: { details: { attribute } } })
})

export const halResponse = (body: unknown, status = 200, headers?: Record<string, string>) =>
  HttpServerResponse.unsafeJson(body, { status, contentType: HAL_JSON, ...(headers === undefined ? {} : { headers }) })

export const errorResponse = (e: ApiError) =>
  halResponse(errorBody(e.identifier, e.message, e.attribute), e.status, e.headers)

// The messages are OpenProject's English texts (config/locales/en.yml via README §1-§8).

export const notFound = (what: "work package" | "project" | "resource" | "user"): ApiError =>
  new ApiError({
    status: 404,
    identifier: "NotFound",
    message:
      what === "resource"
        ? "The requested resource could not be found."
        : // OpenProject's paths/user.yml
          what === "user"
          ? "The specified user does not exist."
          : `The ${what} you are looking for cannot be found or has been deleted.`
  })

/** OpenProject's 403 (error_403.json): the user's roles lack the permission for this request. */
export const missingPermission = (): ApiError =>
  new ApiError({
    status: 403,
    identifier: "MissingPermission",
    message: "You are not authorized to access this resource."
  })

export const invalidQuery = (message: string): ApiError =>
  new ApiError({ status: 400, identifier: "InvalidQuery", message })

export const invalidRequestBody = (): ApiError =>
  new ApiError({
    status: 400,
    identifier: "InvalidRequestBody",
    message: "The request body was not a single JSON object."
  })

export const updateConflict = (): ApiError =>
  new ApiError({
    status: 409,
    identifier: "UpdateConflict",
    message: "Couldn't update the resource because of conflicting modifications."
  })

export const TRANSITION_REFUSED_MESSAGE =
  "Status is invalid because no valid transition exists from old to new status for the current user's roles."

export const transitionRefused = (): ApiError =>
  new ApiError({
    status: 422,
    identifier: "PropertyConstraintViolation",
    message: TRANSITION_REFUSED_MESSAGE,
    attribute: "status"
  })

/** For a status link that is null or names no status (the exact text varies by release; not verified). */
export const STATUS_BLANK_MESSAGE = "Status can't be blank."

export const statusMissing = (): ApiError =>
  new ApiError({
    status: 422,
    identifier: "PropertyConstraintViolation",
    message: STATUS_BLANK_MESSAGE,
    attribute: "status"
  })

export const resourceTypeMismatch = (href: string): ApiError =>
  new ApiError({
    status: 422,
    identifier: "ResourceTypeMismatch",
    message: `For property 'status' a resource of type '/api/v3/statuses/:id' is expected but got a resource of type '${href}'.`
  })
