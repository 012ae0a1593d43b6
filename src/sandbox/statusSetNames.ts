/**
 * The names of the status lists a sandbox can start with (statusSets.ts has the lists). A module of its
 * own because the CLI's `sandbox --statuses` option needs only the names, and every command defines its
 * options at start-up: the lists and the sandbox's world load only when a sandbox starts.
 */
export const STATUS_SET_NAMES = ["runbook", "openproject", "de"] as const
export type StatusSetName = (typeof STATUS_SET_NAMES)[number]
