/**
 * The make option for a domain value the core builds from values that are already typed: decoded inputs, or
 * other domain values. Their fields were checked when they were decoded, so the Schema.Class is not asked to
 * validate them a second time (for a plan of 1,000 rows, once per row per step). Every external input is
 * still decoded by its Schema; this is only for values assembled in the core.
 */
export const BUILT = { disableValidation: true } as const
