// Writes not-utf8.md: a plan saved in Latin-1 by an old editor. The "é" of "Intégration" on line 5 is
// the single byte 0xE9, which is not valid UTF-8. Run: node examples/broken/write-not-utf8.mjs
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const text = [
  "# Plan saved as Latin-1",
  "",
  "| Track | Phase | GH issue / OP wp | Status |",
  "|---|---|---|---|",
  "| Intégration | quick-win 1 | OP wp#44 | **Closed** |",
  ""
].join("\n")

writeFileSync(fileURLToPath(new URL("not-utf8.md", import.meta.url)), Buffer.from(text, "latin1"))
