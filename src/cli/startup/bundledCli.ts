import { fileURLToPath } from "node:url"
import { defaultCodeCacheDir, loadWithCodeCache } from "./codeCache.js"
import { QUICK_COMMANDS } from "./quickAnswer.js"

/**
 * What src/bin.ts's `import("./cli/main.js")` loads in the built bundle (as dist/chunks/load-cli.js;
 * scripts/build.mjs swaps it in): the CLI built as one CommonJS file, dist/chunks/cli.cjs, compiled through
 * V8's code cache (./codeCache.ts), so a run after the first skips compiling it. The cache is saved as the
 * process exits, once the command has run, so that it holds every function the command compiled.
 */
// One entry per command (any other command line shares one), so that each holds the functions it runs.
const command = QUICK_COMMANDS.find((name) => name === process.argv[2]) ?? "other"
const cli = loadWithCodeCache(fileURLToPath(new URL("./cli.cjs", import.meta.url)), defaultCodeCacheDir(), command)
process.once("exit", cli.save)
cli.run()
