/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (the WHATWG decoder's rules:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or undefined when all bytes are valid.
 */
export const firstInvalidUtf8Offset = (bytes: Uint8Array): number | undefined => {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    if (lead < 0x80) {
      i += 1
      continue
    }
    let trailing: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1
    else if (lead === 0xe0) [trailing, low] = [2, 0xa0]
    else if (lead === 0xed) [trailing, high] = [2, 0x9f]
    else if (lead >= 0xe1 && lead <= 0xef) trailing = 2
    else if (lead === 0xf0) [trailing, low] = [3, 0x90]
    else if (lead === 0xf4) [trailing, high] = [3, 0x8f]
    else if (lead >= 0xf1 && lead <= 0xf3) trailing = 3
    else return i
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[i + k]
      if (byte === undefined || byte < low || byte > high) return i
      low = 0x80
      high = 0xbf
    }
    i += trailing + 1
  }
  return undefined
}

const LF = 0x0a
const CR = 0x0d

/** 1-based line of a byte offset, counting LF, CRLF and a lone CR as line endings (as CommonMark does). */
export const lineAtOffset = (bytes: Uint8Array, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) line += 1
  }
  return line
}
