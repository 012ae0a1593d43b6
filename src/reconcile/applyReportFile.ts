import type * as FileSystem from "@effect/platform/FileSystem"
import type { Effect } from "effect"
import type { ApplyReport } from "../domain/outcome.js"
import { type OutputUnwritable, writeFileAtomic } from "../files/writeFileAtomic.js"
import { renderApplyJson } from "../render/renderJson.js"

/** The apply report as `--apply --out FILE` writes it: the JSON `--format json` prints, all or nothing. */
export const writeApplyReport = (
  file: string,
  report: ApplyReport
): Effect.Effect<void, OutputUnwritable, FileSystem.FileSystem> => writeFileAtomic(file, renderApplyJson(report))
