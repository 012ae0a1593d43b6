import { Schema } from "effect"
import { type ApplyReport, ApplyReportJson } from "../domain/outcome.js"
import { type Plan, PlanJson } from "../domain/plan.js"

// The same Schemas that read a saved plan write it (src/domain), so what is printed can be read back.
export const renderPlanJson = (plan: Plan): string => `${Schema.encodeSync(PlanJson)(plan)}\n`

export const renderApplyJson = (report: ApplyReport): string => `${Schema.encodeSync(ApplyReportJson)(report)}\n`
