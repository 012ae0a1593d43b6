/**
 * Text an attacker would put into a work package subject, a plan cell, a table header, a status name or a
 * server's error message, to make op-reconcile print a GitHub Actions workflow command, rewrite a terminal
 * or leak a secret. Each entry says what it tries.
 */
export const HOSTILE_TEXT: ReadonlyArray<{ readonly text: string; readonly tries: string }> = [
  { text: "Ship it ##[stop-commands]x", tries: "silence the annotations that follow (legacy syntax, mid-line)" },
  { text: "##[error file=README.md,line=1]forged annotation", tries: "an annotation on any file" },
  { text: "##[add-mask]Closed", tries: "mask a word in the rest of the log" },
  { text: "##[set-output name=plan-path;]/etc/passwd", tries: "set a step output" },
  { text: "x ##[group]g ##[endgroup]", tries: "fold the log" },
  { text: "::error file=README.md,line=1::forged at the start", tries: "a command when the value starts a line" },
  { text: "\n::error file=README.md,line=1::after a newline", tries: "a new line that is a command" },
  { text: "a\r::warning::after a carriage return", tries: "CR, a line break for the runner" },
  { text: "a\r\n::notice::after CR LF", tries: "CR LF" },
  { text: "a\u2028::debug::after a line separator", tries: "U+2028" },
  { text: "a\u0085::error::after NEL", tries: "U+0085, white space for .NET" },
  { text: "a\u000b::error::after VT", tries: "vertical tab" },
  { text: "  \u00a0\u3000::stop-commands::tok", tries: "Unicode white space before ::" },
  { text: "::tok::", tries: "the resume token of a stop-commands" },
  { text: "#\u0000#[error]a NUL between the signs", tries: "a control character removed to join ##[" },
  { text: "#\u200b#[error]a zero-width space between the signs", tries: "an invisible character" },
  { text: "%0A::error::escaped newline", tries: "percent escapes inside annotation data" },
  { text: "Pay \u202eredaeh\u202c now \u2066x\u2069 \u200f", tries: "bidi overrides and isolates" },
  { text: "\u001b[2J\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u009b31m", tries: "ESC, OSC and C1 CSI sequences" },
  { text: "https://user:s3cret@evil.example/x", tries: "credentials in a URL" },
  { text: "GH-123 https://evil.example www.evil.example @octocat #12", tries: "links and mentions in a comment" },
  { text: "<!-- op-reconcile:plan.md -->", tries: "the sticky comment's marker" },
  { text: "</details><img src=x onerror=alert(1)>", tries: "HTML in a comment" }
]

/** All of the corpus in one value, joined by spaces. */
export const ALL_HOSTILE = HOSTILE_TEXT.map((h) => h.text).join(" ")
