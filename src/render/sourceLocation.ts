import { oneLine } from "../safeText/oneLine.js"

/** `F1_BUY_BOOST_PLAN.md:14`: the file's base name keeps change lines short; the full path is in the JSON. */
export const baseName = (path: string): string => {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

export const sourceLocation = (path: string, line: number): string => `${oneLine(baseName(path))}:${line}`
