import { Schema } from "effect"
import { ApplyReport } from "../domain/outcome.js"
import { Plan } from "../domain/plan.js"

// The same Schemas that read a saved plan write it, pretty-printed for people who open the file.
const PrettyPlanJson = Schema.parseJson(Plan, { space: 2 })
const PrettyApplyReportJson = Schema.parseJson(ApplyReport, { space: 2 })

export const renderPlanJson = (plan: Plan): string => `${Schema.encodeSync(PrettyPlanJson)(plan)}\n`

export const renderApplyJson = (report: ApplyReport): string => `${Schema.encodeSync(PrettyApplyReportJson)(report)}\n`
