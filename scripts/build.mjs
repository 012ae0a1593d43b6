// Bundles the CLI so that it starts fast: no module resolution over node_modules; the entry (src/bin.ts)
// answers `--version` and `--help` from text rendered at build time into dist/help/, and loads the CLI only
// for anything else; the CLI is one CommonJS file compiled through V8's code cache
// (src/cli/startup/codeCache.ts), with each command's handler evaluated on first use (src/cli/lazy.ts).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "esbuild"

const outdir = "dist"
const common = { bundle: true, platform: "node", target: "node20", legalComments: "none", logLevel: "warning" }
const esm = {
  ...common,
  format: "esm",
  // Some CommonJS dependencies call require() for Node built-ins; give each ES module one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
}
// What runs is CommonJS (dist/package.json says so): Node 20 starts a CommonJS entry, and a worker's
// CommonJS script, without setting up its ES module loader, which cost each thread 10-20 ms before any of
// our code ran. `import.meta.url` becomes the file's own URL.
const cjs = {
  ...common,
  format: "cjs",
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true
}

// In the bundle, the entry's `import("./cli/main.js")` becomes `require("./chunks/load-cli.js")` (from
// src/cli/startup/bundledCli.ts), which runs dist/chunks/cli.cjs (built below) through V8's code cache; from
// the sources it imports the CLI itself. A file of its own, so `--version` does not even load the loader;
// required, not imported, so that no thread sets up Node's ES module loader.
const cliThroughCodeCache = {
  name: "cli-through-code-cache",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/cli\/main\.js$/ }, (args) =>
      args.importer === resolve("src/bin.ts") ? { path: "load-cli", namespace: "cli-through-code-cache" } : undefined
    )
    plugin.onResolve({ filter: /^\.\/chunks\/load-cli\.js$/ }, (args) =>
      args.namespace === "cli-through-code-cache" ? { path: args.path, external: true } : undefined
    )
    plugin.onLoad({ filter: /^load-cli$/, namespace: "cli-through-code-cache" }, () => ({
      contents: 'require("./chunks/load-cli.js")',
      loader: "js"
    }))
  }
}

rmSync(outdir, { recursive: true, force: true })
await build({ ...cjs, entryPoints: { "op-reconcile": "src/bin.ts" }, outdir, plugins: [cliThroughCodeCache] })
chmodSync(`${outdir}/op-reconcile.js`, 0o755)
await build({ ...cjs, entryPoints: { "chunks/load-cli": "src/cli/startup/bundledCli.ts" }, outdir })
// The markdown parse runs in a worker thread of its own (src/desired/parseInWorker.ts).
await build({ ...cjs, entryPoints: { "parse-worker": "src/desired/parseWorker.ts" }, outdir })
// The package is "type": "module"; the bundle's .js files are CommonJS.
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`)
// The CLI: V8's code cache needs a script, not an ES module, so it is CommonJS; esbuild keeps each
// dynamically imported module (a command's handler) unevaluated until its import runs. It sits in chunks/ so
// that the URLs the CLI resolves from its own location (the parse worker's, ../parse-worker.js) are the same
// as from the sources.
await build({
  ...common,
  format: "cjs",
  entryPoints: ["src/cli/main.ts"],
  outfile: `${outdir}/chunks/cli.cjs`,
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true
})

// The quick answers, rendered by the CLI's own code (run in-process, from a throwaway bundle).
const scratch = mkdtempSync(join(tmpdir(), "op-reconcile-build-"))
try {
  const renderer = join(scratch, "render-quick-answers.mjs")
  await build({ ...esm, entryPoints: ["src/cli/startup/renderQuickAnswers.ts"], outfile: renderer })
  const { renderQuickAnswerFiles } = await import(pathToFileURL(renderer).href)
  mkdirSync(`${outdir}/help`)
  for (const [file, text] of await renderQuickAnswerFiles()) writeFileSync(`${outdir}/help/${file}`, text)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
