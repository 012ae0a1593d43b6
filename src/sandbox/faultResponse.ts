import { ApiError, errorResponse } from "./apiError.js"

/** The answer a `status` fault sends: an OpenProject-style error, with the rate-limit headers on a 429. */
export const faultResponse = (
  fault: { readonly status: number; readonly retryAfterSeconds?: number; readonly rateLimitResetSeconds?: number },
  nowMillis: number
) => {
  const headers: Record<string, string> = {}
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds)
  if (fault.rateLimitResetSeconds !== undefined) {
    headers["ratelimit-limit"] = "6"
    headers["ratelimit-remaining"] = "0"
    headers["ratelimit-reset"] = String(Math.ceil(nowMillis / 1000) + fault.rateLimitResetSeconds)
  }
  const [identifier, message] =
    fault.status === 429
      ? ["Throttled", "You have reached the request limit for this resource."]
      : fault.status >= 500
        ? ["InternalServerError", "An internal server error occurred. This is not your fault."]
        : ["BadRequest", "The sandbox was told to refuse this request."]
  return errorResponse(new ApiError({ status: fault.status, identifier, message, headers }))
}
