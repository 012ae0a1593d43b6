// Bundles the CLI so that it starts fast: no module resolution over node_modules, and the bundle is split
// at each command's handler (src/cli/lazy.ts), so `--help` loads only the command-line definitions.
import { chmodSync, rmSync } from "node:fs"
import { build } from "esbuild"

const outdir = "dist"
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: { "op-reconcile": "src/bin.ts" },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  // Some CommonJS dependencies call require() for Node built-ins; give each ESM chunk one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning"
})
chmodSync(`${outdir}/op-reconcile.js`, 0o755)
