import { Schema } from "effect"
import { type ApplyReport, ApplyReportJson } from "../domain/outcome.js"
import { type Plan, PlanJson } from "../domain/plan.js"
import { safeJsonText } from "../safeText/jsonText.js"

// The same Schemas that read a saved plan write it (src/domain), so what is printed can be read back; the
// escapes of safeJsonText decode to the same strings.
export const renderPlanJson = (plan: Plan): string => `${safeJsonText(Schema.encodeSync(PlanJson)(plan))}\n`

export const renderApplyJson = (report: ApplyReport): string =>
  `${safeJsonText(Schema.encodeSync(ApplyReportJson)(report))}\n`
