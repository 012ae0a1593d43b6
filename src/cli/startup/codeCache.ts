import { createHash } from "node:crypto"
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { Script } from "node:vm"

/** Where the code cache lives when set; `NODE_DISABLE_COMPILE_CACHE=1` turns it off (and Node's own with it). */
export const CODE_CACHE_DIR_ENV = "OP_RECONCILE_CODE_CACHE"
export const DISABLE_CODE_CACHE_ENV = "NODE_DISABLE_COMPILE_CACHE"

const ENTRY_SUFFIX = ".v8cache"
// Old entries belong to versions or Node releases no longer run (each build of the bundle has its own): on
// each write, entries written more than 30 days ago are removed, and all but the newest MAX_ENTRIES.
const ENTRY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000
const MAX_ENTRIES = 24

/** What a run did with the cache: used it, had none (or it was off), or V8 refused the entry and compiled afresh. */
export type CodeCacheOutcome = "used" | "absent" | "rejected" | "off"

export interface CachedScript {
  readonly outcome: CodeCacheOutcome
  /** Runs the bundle as a CommonJS module (its `require` resolves from its own directory); its exports. */
  readonly run: () => unknown
  /**
   * Stores the code V8 has compiled by now (the functions the run used, not only the top level), when the
   * cache had no usable entry; never fails (an unwritable directory just leaves the next run uncached).
   */
  readonly save: () => void
}

type Env = Readonly<Record<string, string | undefined>>

/** The default directory: one per user in the system's temporary directory, like Node's compile cache. */
export const defaultCodeCacheDir = (env: Env = process.env): string | undefined => {
  if (env[DISABLE_CODE_CACHE_ENV] === "1") return undefined
  const chosen = env[CODE_CACHE_DIR_ENV] ?? ""
  if (chosen !== "") return chosen
  return join(tmpdir(), `op-reconcile-code-cache-${process.getuid?.() ?? "user"}`)
}

/**
 * Everything V8's cached code depends on: the runtime (version, architecture, flags) and the bundle's bytes.
 * V8 checks its own version and flags too, but only the source's length, so the content hash is what makes
 * an edited bundle of the same length miss instead of running stale code.
 */
export const codeCacheKey = (source: Buffer): string =>
  createHash("sha256")
    .update(`${process.version}\0${process.arch}\0${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}\0`)
    .update(source)
    .digest("hex")
    .slice(0, 40)

/**
 * A directory another user could write to would let them plant code: it must be ours, a real directory,
 * and writable by no one else. Created when missing (readable by its owner only).
 */
const usableDir = (dir: string): boolean => {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const stat = lstatSync(dir)
    if (!stat.isDirectory()) return false
    const uid = process.getuid?.()
    return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0)
  } catch {
    return false
  }
}

const readEntry = (file: string): Buffer | undefined => {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

// Written beside the entry, then renamed over it: a reader sees the whole old entry or the whole new one.
const writeEntry = (dir: string, file: string, data: Buffer): void => {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, data, { mode: 0o600 })
    renameSync(temporary, file)
  } catch {
    rmSync(temporary, { force: true })
    return
  }
  removeOld(dir, file)
}

const removeOld = (dir: string, kept: string): void => {
  try {
    const now = Date.now()
    const others = readdirSync(dir)
      .filter((name) => name.endsWith(ENTRY_SUFFIX) || name.endsWith(".tmp"))
      .map((name) => join(dir, name))
      .filter((path) => path !== kept)
      .map((path) => ({ path, mtimeMs: statSync(path).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
    others.forEach(({ path, mtimeMs }, newer) => {
      if (now - mtimeMs > ENTRY_MAX_AGE_MS || newer >= MAX_ENTRIES - 1) rmSync(path, { force: true })
    })
  } catch {
    // Tidying is best effort: another run may be removing the same files.
  }
}

/**
 * Compiles a CommonJS bundle with V8's code cache: the first run compiles it and saves what V8 compiled,
 * later runs load that instead of compiling. Node 20 has no module compile cache, and on Node 22+ this one
 * also holds the functions compiled while the command ran. `dir` undefined runs without a cache. Each
 * `variant` (the CLI's command) has an entry of its own: the functions a run compiles depend on it.
 */
export const loadWithCodeCache = (bundle: string, dir: string | undefined, variant = "main"): CachedScript => {
  const bytes = readFileSync(bundle)
  const cacheDir = dir !== undefined && usableDir(dir) ? dir : undefined
  const name = `${codeCacheKey(bytes)}-${variant.replace(/[^a-z0-9]/gi, "_")}${ENTRY_SUFFIX}`
  const entry = cacheDir === undefined ? undefined : join(cacheDir, name)
  const cachedData = entry === undefined ? undefined : readEntry(entry)
  // The same wrapper Node gives a CommonJS module, on the bundle's first line so its positions stay true.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8")}\n})`,
    {
      filename: bundle,
      ...(cachedData === undefined ? {} : { cachedData })
    }
  )
  const outcome: CodeCacheOutcome =
    entry === undefined
      ? "off"
      : cachedData === undefined
        ? "absent"
        : script.cachedDataRejected === true
          ? "rejected"
          : "used"
  return {
    outcome,
    run: () => {
      const compiled: unknown = script.runInThisContext()
      const module: { exports: unknown } = { exports: {} }
      if (typeof compiled === "function") {
        compiled.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle))
      }
      return module.exports
    },
    save: () => {
      if (cacheDir === undefined || entry === undefined || outcome === "used") return
      writeEntry(cacheDir, entry, script.createCachedData())
    }
  }
}
