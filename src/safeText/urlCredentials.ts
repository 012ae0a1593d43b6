/**
 * Credentials written into a URL (`https://user:secret@host`) are never printed, whether the URL parses or
 * not: the user-info part before `@` is replaced by `***`.
 */
const AFTER_SCHEME = /(\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/g
// `user:secret@host` without a scheme, at the start of the text or after white space or a quote
const WITHOUT_SCHEME = /(^|[\s"'(<])[^\s/?#@:"'(<]+:[^\s/?#@"']*@/g

/** `scheme://user:secret@host` → `scheme://***@host`, anywhere in a text (the console applies it to all output). */
export const hideUrlCredentialsAfterScheme = (text: string): string => text.replace(AFTER_SCHEME, "$1***@")

/** For a value meant to be a URL: also `user:secret@host` written without a scheme. */
export const hideUrlCredentials = (text: string): string =>
  hideUrlCredentialsAfterScheme(text).replace(WITHOUT_SCHEME, "$1***@")
