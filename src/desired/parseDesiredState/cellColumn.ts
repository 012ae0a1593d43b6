const PIPE = 0x7c
const SPACE = 0x20
const TAB = 0x09
const LF = 0x0a
const CR = 0x0d

/**
 * Where a table cell's content starts, given the offset where the cell starts in the source (its leading
 * `|`, or its first character when the row has no leading pipe): past the pipe and the padding. An empty
 * cell has no content, so the cell's own start is returned. Read from the source text, so the answer does
 * not depend on which inline nodes the cell holds.
 */
export const contentColumn = (markdown: string, cellOffset: number): number => {
  let i = cellOffset
  if (markdown.charCodeAt(i) === PIPE) i += 1
  while (markdown.charCodeAt(i) === SPACE || markdown.charCodeAt(i) === TAB) i += 1
  const next = markdown.charCodeAt(i)
  return i >= markdown.length || next === PIPE || next === LF || next === CR ? cellOffset : i
}
