// Bundles the CLI into one ESM file so that it starts fast (no module resolution over node_modules).
import { chmodSync } from "node:fs"
import { build } from "esbuild"

const outfile = "dist/op-reconcile.js"
await build({
  entryPoints: ["src/bin.ts"],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  // Some CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning"
})
chmodSync(outfile, 0o755)
