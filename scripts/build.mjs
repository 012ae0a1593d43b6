// Bundles the CLI so that it starts fast: no module resolution over node_modules, and the bundle is split
// at each command's handler (src/cli/lazy.ts), so `--help` loads only the command-line definitions. Then
// renders what `--version` and `--help` print into dist/help/, which src/bin.ts prints without loading
// the CLI stack at all.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "esbuild"

const outdir = "dist"
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  legalComments: "none",
  // Some CommonJS dependencies call require() for Node built-ins; give each ESM chunk one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning"
}

rmSync(outdir, { recursive: true, force: true })
await build({
  ...common,
  // The markdown parse runs in a worker thread of its own (src/desired/parseInWorker.ts).
  entryPoints: { "op-reconcile": "src/bin.ts", "parse-worker": "src/desired/parseWorker.ts" },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  minify: true,
  sourcemap: false
})
chmodSync(`${outdir}/op-reconcile.js`, 0o755)

// The quick answers, rendered by the CLI's own code (run in-process, from a throwaway bundle).
const scratch = mkdtempSync(join(tmpdir(), "op-reconcile-build-"))
try {
  const renderer = join(scratch, "render-quick-answers.mjs")
  await build({ ...common, entryPoints: ["src/cli/startup/renderQuickAnswers.ts"], outfile: renderer })
  const { renderQuickAnswerFiles } = await import(pathToFileURL(renderer).href)
  mkdirSync(`${outdir}/help`)
  for (const [file, text] of await renderQuickAnswerFiles()) writeFileSync(`${outdir}/help/${file}`, text)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
