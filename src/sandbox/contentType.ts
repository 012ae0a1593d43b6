import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { ApiError, errorResponse } from "./apiError.js"

/**
 * OpenProject's `enforce_content_type`, run after authentication on requests that carry a body:
 * no Content-Type → 406 in plain text; anything but JSON → 415 TypeNotSupported (README §5).
 */

const WITH_BODY = new Set(["POST", "PATCH", "PUT", "DELETE"])

export const checkContentType = (
  method: string,
  contentType: string | undefined
): HttpServerResponse.HttpServerResponse | undefined => {
  if (!WITH_BODY.has(method)) return undefined
  if (contentType === undefined || contentType.trim() === "") {
    return HttpServerResponse.text("Missing content-type header", { status: 406, contentType: "text/plain" })
  }
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? ""
  if (mediaType === "application/json" || mediaType === "application/hal+json") return undefined
  return errorResponse(
    new ApiError({
      status: 415,
      identifier: "TypeNotSupported",
      message: `Expected CONTENT-TYPE to be 'application/json application/hal+json' but got '${mediaType}'.`
    })
  )
}
