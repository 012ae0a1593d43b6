// One parse in a fresh process, for its peak memory: `tsx scripts/bench/parseOnce.ts reader 20000` prints
// {"ms": …, "maxRssMb": …}. Run by scripts/bench/parse.ts.
import { isParserName, PARSERS } from "./parsers.js"
import { planDocument } from "./planDocument.js"

const [name = "", rows = "0"] = process.argv.slice(2)
if (!isParserName(name)) throw new Error(`unknown parser ${name}`)
const text = planDocument(Number(rows))
const start = performance.now()
PARSERS[name](text)
const ms = performance.now() - start
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
