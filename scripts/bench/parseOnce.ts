// One parse in a fresh process, for its peak memory: `tsx scripts/bench/parseOnce.ts reader 20000` prints
// {"ms": …, "cpuMs": …, "maxRssMb": …} (wall and processor time of the parse, peak RSS of the process).
// Run by scripts/bench/parse.ts.
import { isParserName, PARSERS } from "./parsers.js"
import { planDocument } from "./planDocument.js"

const [name = "", rows = "0"] = process.argv.slice(2)
if (!isParserName(name)) throw new Error(`unknown parser ${name}`)
const text = planDocument(Number(rows))
const start = performance.now()
const cpuStart = process.cpuUsage()
PARSERS[name](text)
const cpu = process.cpuUsage(cpuStart)
const ms = performance.now() - start
const cpuMs = (cpu.user + cpu.system) / 1000
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
