/**
 * Text from sources is data: before it reaches a terminal, control characters
 * (an ESC sequence could rewrite the screen) are shown as visible escapes.
 */
export function visible(s: string): string {
  // C0 controls except tab and newline, DEL, C1 controls, and bidi overrides.
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One line: white space collapsed, then made visible. */
export function oneLine(s: string): string {
  return visible(s.replace(/\s+/g, ' ').trim());
}

/** A text longer than `max` characters cut to its first max − 3 and '…'. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 3)}…` : s;
}
