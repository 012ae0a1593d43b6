import * as nodeModule from "node:module"
import { describe, expect, it } from "vitest"
import { enableCompileCache } from "../../src/cli/startup/compileCache.js"
import { QUICK_FORMS, quickAnswerFile } from "../../src/cli/startup/quickAnswer.js"

describe("start-up", () => {
  it("answers only the exact help and version forms quickly; anything else goes to the CLI", () => {
    expect(quickAnswerFile(["--version"])).toBe("version.txt")
    expect(quickAnswerFile([])).toBe("op-reconcile.txt")
    expect(quickAnswerFile(["reconcile", "-h"])).toBe("reconcile.txt")
    expect(quickAnswerFile(["reconcile", "--help", "--log-level", "debug"])).toBeUndefined()
    expect(quickAnswerFile(["--help", "reconcile"])).toBeUndefined()
    expect(quickAnswerFile(["reconcile"])).toBeUndefined()
    expect(quickAnswerFile(["--version", "--help"])).toBeUndefined()
    expect(new Set(QUICK_FORMS.map((f) => f.args.join(" "))).size).toBe(QUICK_FORMS.length)
  })

  it("the compile cache is turned on where Node has it, and is a no-op where it does not", () => {
    enableCompileCache()
    const cacheDir: unknown = Reflect.get(nodeModule, "getCompileCacheDir")
    if (typeof cacheDir === "function") {
      expect(cacheDir.call(nodeModule)).toEqual(expect.any(String))
    } else {
      expect(Reflect.get(nodeModule, "enableCompileCache")).toBeUndefined()
    }
  })
})
